#include "common/selectors/field_selector.h"

#include <catch2/catch.hpp>
#include <map>
#include <string>

namespace kube::selectors {
namespace {

using FieldMap = std::map<std::string, std::string>;

FieldSelector MustParseFields(std::string_view s) {
  absl::StatusOr<FieldSelector> selector = FieldSelector::Parse(s);
  INFO(s << ": " << selector.status().ToString());
  REQUIRE(selector.ok());
  return *selector;
}

std::string FieldParseError(std::string_view s) {
  absl::StatusOr<FieldSelector> selector = FieldSelector::Parse(s);
  INFO(s);
  REQUIRE_FALSE(selector.ok());
  CHECK(selector.status().code() == absl::StatusCode::kInvalidArgument);
  return std::string(selector.status().message());
}

TEST_CASE("FieldSelector::Parse reads every operator") {
  CHECK(MustParseFields("").Empty());
  CHECK(MustParseFields(",,").Empty());
  CHECK(MustParseFields("metadata.name=web").Requirements() ==
        std::vector<FieldRequirement>{{"metadata.name", Operator::kEquals, "web"}});
  CHECK(MustParseFields("metadata.name==web").Requirements() ==
        std::vector<FieldRequirement>{{"metadata.name", Operator::kEquals, "web"}});
  CHECK(MustParseFields("status.phase!=Running").Requirements() ==
        std::vector<FieldRequirement>{{"status.phase", Operator::kNotEquals, "Running"}});
  // Terms come back sorted by their text, as upstream sorts them.
  CHECK(MustParseFields("spec.nodeName=n1,metadata.namespace!=kube-system,a=").Requirements() ==
        std::vector<FieldRequirement>{{"a", Operator::kEquals, ""},
                                      {"metadata.namespace", Operator::kNotEquals, "kube-system"},
                                      {"spec.nodeName", Operator::kEquals, "n1"}});
  // Upstream keeps whitespace and everything else verbatim.
  CHECK(MustParseFields(" a = b ").Requirements() ==
        std::vector<FieldRequirement>{{" a ", Operator::kEquals, " b "}});
  CHECK(MustParseFields("a=b!c").Requirements() ==
        std::vector<FieldRequirement>{{"a", Operator::kEquals, "b!c"}});
  // A term with neither field nor value selects everything, as upstream.
  CHECK(MustParseFields("=").Empty());
  CHECK(MustParseFields("!=").Empty());
  CHECK(MustParseFields("==,x=y").Requirements() ==
        std::vector<FieldRequirement>{{"x", Operator::kEquals, "y"}});
  CHECK(MustParseFields("=x").Requirements() ==
        std::vector<FieldRequirement>{{"", Operator::kEquals, "x"}});
}

TEST_CASE("FieldSelector::Parse unescapes values") {
  CHECK(MustParseFields("a=x\\,y").Requirements() ==
        std::vector<FieldRequirement>{{"a", Operator::kEquals, "x,y"}});
  CHECK(MustParseFields("a=x\\=y\\\\z,b!=\\,").Requirements() ==
        std::vector<FieldRequirement>{{"a", Operator::kEquals, "x=y\\z"},
                                      {"b", Operator::kNotEquals, ","}});
  CHECK(
      MustParseFields("a=\\\\,b=c").Requirements() ==
      std::vector<FieldRequirement>{{"a", Operator::kEquals, "\\"}, {"b", Operator::kEquals, "c"}});
}

TEST_CASE("FieldSelector::Parse errors match upstream") {
  CHECK(FieldParseError("a") == "invalid selector: 'a'; can't understand 'a'");
  CHECK(FieldParseError("x=y,a") == "invalid selector: 'x=y,a'; can't understand 'a'");
  CHECK(FieldParseError("a<b") == "invalid selector: 'a<b'; can't understand 'a<b'");
  CHECK(FieldParseError("a=b\\x") == "invalid field selector: invalid escape sequence: \\x");
  // Upstream escapes only \ , and =, so "\!" is an invalid escape too.
  CHECK(FieldParseError("a=b\\!") == "invalid field selector: invalid escape sequence: \\!");
  CHECK(FieldParseError("a=b\\") == "invalid field selector: invalid escape sequence: \\");
  CHECK(FieldParseError("a=b\\\xc3\xa9") ==
        "invalid field selector: invalid escape sequence: \\\xc3\xa9");
  CHECK(FieldParseError("a=b=c") == "invalid field selector: unescaped character in value: 61");
  CHECK(FieldParseError("a==b=c") == "invalid field selector: unescaped character in value: 61");
}

TEST_CASE("FieldSelector::Matches treats missing fields as empty") {
  const FieldMap pod = {
      {"metadata.name", "web-1"}, {"spec.nodeName", "n1"}, {"status.phase", "Running"}};
  struct Case {
    const char* selector;
    bool matches;
  };
  const Case cases[] = {
      {"", true},
      {"metadata.name=web-1", true},
      {"metadata.name==web-1", true},
      {"metadata.name=web-2", false},
      {"metadata.name!=web-2", true},
      {"metadata.name!=web-1", false},
      {"spec.nodeName=n1,status.phase=Running", true},
      {"spec.nodeName=n1,status.phase!=Running", false},
      {"spec.missing=", true},
      {"spec.missing!=", false},
      {"spec.missing=x", false},
      {"spec.missing!=x", true},
  };
  for (const Case& c : cases) {
    INFO(c.selector);
    const FieldSelector selector = MustParseFields(c.selector);
    CHECK(selector.Matches(pod) == c.matches);
    CHECK(selector.Matches([&](std::string_view field) -> std::optional<std::string> {
      auto it = pod.find(std::string(field));
      if (it == pod.end()) return std::nullopt;
      return it->second;
    }) == c.matches);
  }
}

TEST_CASE("FieldSelector::ToString escapes and round-trips") {
  struct Case {
    const char* input;
    const char* canonical;
  };
  const Case cases[] = {
      {"", ""},
      {"a=b", "a=b"},
      {"a==b", "a=b"},
      {"b!=c,a=b", "a=b,b!=c"},
      {"a=x\\,y\\=z\\\\", "a=x\\,y\\=z\\\\"},
      {"a=", "a="},
  };
  for (const Case& c : cases) {
    INFO(c.input);
    const FieldSelector selector = MustParseFields(c.input);
    CHECK(selector.ToString() == c.canonical);
    CHECK(MustParseFields(selector.ToString()).Requirements() == selector.Requirements());
  }
}

TEST_CASE("Escape helpers") {
  CHECK(EscapeFieldValue("a,b=c\\d!") == "a\\,b\\=c\\\\d!");
  CHECK(UnescapeFieldValue("a\\,b\\=c\\\\d!").value() == "a,b=c\\d!");
  CHECK(UnescapeFieldValue("plain").value() == "plain");
  for (const std::string& value :
       std::vector<std::string>{"", "x", ",", "=", "\\", "a,=\\b", "\\\\,,=="}) {
    CHECK(UnescapeFieldValue(EscapeFieldValue(value)).value() == value);
  }
}

TEST_CASE("FieldSelector helpers") {
  const FieldSelector selector = FieldSelector::OneTermEqual("spec.nodeName", "n1");
  CHECK(selector.ToString() == "spec.nodeName=n1");
  CHECK(selector.RequiresExactMatch("spec.nodeName") == "n1");
  CHECK(selector.RequiresExactMatch("metadata.name") == std::nullopt);
  CHECK(MustParseFields("a!=b").RequiresExactMatch("a") == std::nullopt);
  CHECK(FieldSelector().Empty());
  CHECK(FieldSelector().Matches(FieldMap{}));
}

}  // namespace
}  // namespace kube::selectors
