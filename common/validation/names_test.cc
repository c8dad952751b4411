#include "common/validation/names.h"

#include <catch2/catch.hpp>
#include <string>

namespace kube::validation {
namespace {

constexpr const char* kNameRegexError =
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end "
    "with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex "
    "used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

TEST_CASE("IsQualifiedName accepts upstream's good names") {
  for (const std::string& name : std::vector<std::string>{
           "simple", "now-with-dashes", "1-starts-with-num", "1234", "simple/simple",
           "now-with-dashes/simple", "now-with-dashes/now-with-dashes", "now.with.dots/simple",
           "now-with.dashes-and.dots/simple", "1-num.2-num/3-num", "1234/5678", "1.2.3.4/5678",
           "Uppercase_Is_OK_123", "example.com/Uppercase_Is_OK_123", "requests.storage-foo",
           std::string(63, 'a'), std::string(253, 'a') + "/" + std::string(63, 'b')}) {
    INFO(name);
    CHECK(IsQualifiedName(name).empty());
  }
}

TEST_CASE("IsQualifiedName rejects bad names with upstream's messages") {
  CHECK(IsQualifiedName("nospecialchars%^=@") ==
        std::vector<std::string>{std::string("name part ") + kNameRegexError});
  CHECK(IsQualifiedName("-cantstartwithadash") ==
        std::vector<std::string>{std::string("name part ") + kNameRegexError});
  CHECK(IsQualifiedName("cantendwithadash-").size() == 1);
  CHECK(IsQualifiedName("only/one/slash") ==
        std::vector<std::string>{
            std::string("a valid label key ") + kNameRegexError +
            " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"});
  CHECK(IsQualifiedName("") ==
        std::vector<std::string>{"name part must be non-empty",
                                 std::string("name part ") + kNameRegexError});
  CHECK(IsQualifiedName("/simple") == std::vector<std::string>{"prefix part must be non-empty"});
  CHECK(IsQualifiedName("example.com/") ==
        std::vector<std::string>{"name part must be non-empty",
                                 std::string("name part ") + kNameRegexError});
  CHECK(IsQualifiedName(std::string(64, 'a')) ==
        std::vector<std::string>{"name part must be no more than 63 characters"});
  CHECK(IsQualifiedName("Example.com/a") ==
        std::vector<std::string>{
            "prefix part a lowercase RFC 1123 subdomain must consist of lower case "
            "alphanumeric characters, '-' or '.', and must start and end with an "
            "alphanumeric character (e.g. 'example.com', regex used for validation is "
            "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"});
  CHECK(IsQualifiedName(std::string(254, 'a') + "/b") ==
        std::vector<std::string>{"prefix part must be no more than 253 characters"});
  CHECK(IsQualifiedName("a..b/c").size() == 1);
  CHECK(IsQualifiedName("a\n").size() == 1);
}

TEST_CASE("IsValidLabelValue") {
  for (const std::string& value : std::vector<std::string>{
           "", "simple", "now-with-dashes", "1-starts-with-num", "end-with-num-1", "1234",
           "Uppercase_Is_OK_123", "dots.are.ok", std::string(63, 'a')}) {
    INFO(value);
    CHECK(IsValidLabelValue(value).empty());
  }
  const std::string regex_error =
      "a valid label must be an empty string or consist of alphanumeric characters, '-', "
      "'_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  "
      "or 'my_value',  or '12345', regex used for validation is "
      "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
  CHECK(IsValidLabelValue("nospecialchars%^=@") == std::vector<std::string>{regex_error});
  CHECK(IsValidLabelValue("-dash") == std::vector<std::string>{regex_error});
  CHECK(IsValidLabelValue("a/b") == std::vector<std::string>{regex_error});
  CHECK(IsValidLabelValue(std::string(64, 'a')) ==
        std::vector<std::string>{"must be no more than 63 characters"});
  CHECK(IsValidLabelValue(std::string(64, '-')) ==
        std::vector<std::string>{"must be no more than 63 characters", regex_error});
}

TEST_CASE("IsWildcardDns1123Subdomain") {
  CHECK(IsWildcardDns1123Subdomain("*.example.com").empty());
  CHECK(IsWildcardDns1123Subdomain("*.a").empty());
  const std::string regex_error =
      "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, "
      "which must consist of lower case alphanumeric characters, '-' or '.' and end with an "
      "alphanumeric character (e.g. '*.example.com', regex used for validation is "
      "'\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  for (const char* value :
       {"*", "*.", "foo.*.com", "**.example.com", "*.Example.com", "example.com"}) {
    INFO(value);
    CHECK(IsWildcardDns1123Subdomain(value) == std::vector<std::string>{regex_error});
  }
}

}  // namespace
}  // namespace kube::validation
