#include "kubelet/server/log_options.h"

#include <catch2/catch.hpp>
#include <map>

namespace kube::kubelet {
namespace {

absl::StatusOr<LogOptions> Parse(std::map<std::string, std::string> query,
                                 absl::Time now = absl::FromUnixSeconds(1000)) {
  return ParseLogOptions(
      [&query](const char* name) {
        auto it = query.find(name);
        return it == query.end() ? std::string() : it->second;
      },
      now);
}

TEST_CASE("log options default to the whole log, once") {
  absl::StatusOr<LogOptions> options = Parse({});
  REQUIRE(options.ok());
  CHECK_FALSE(options->follow);
  CHECK_FALSE(options->previous);
  CHECK_FALSE(options->timestamps);
  CHECK_FALSE(options->tail_lines.has_value());
  CHECK_FALSE(options->limit_bytes.has_value());
  CHECK_FALSE(options->since.has_value());
}

TEST_CASE("log options read kubectl's query") {
  absl::StatusOr<LogOptions> options = Parse({{"follow", "true"},
                                              {"previous", "1"},
                                              {"timestamps", "true"},
                                              {"tailLines", "2"},
                                              {"limitBytes", "10"},
                                              {"sinceSeconds", "30"}});
  REQUIRE(options.ok());
  CHECK(options->follow);
  CHECK(options->previous);
  CHECK(options->timestamps);
  CHECK(options->tail_lines == 2);
  CHECK(options->limit_bytes == 10);
  CHECK(options->since == absl::FromUnixSeconds(970));
  options = Parse({{"sinceTime", "2024-05-01T10:00:00Z"}});
  REQUIRE(options.ok());
  CHECK(absl::ToUnixSeconds(*options->since) == 1714557600);
}

TEST_CASE("bad log options name the parameter") {
  for (auto [name, value] : std::vector<std::pair<std::string, std::string>>{
           {"follow", "maybe"}, {"tailLines", "-1"}, {"limitBytes", "0"},
           {"sinceSeconds", "x"}, {"sinceTime", "yesterday"}}) {
    INFO(name << "=" << value);
    absl::StatusOr<LogOptions> options = Parse({{name, value}});
    REQUIRE(absl::IsInvalidArgument(options.status()));
    CHECK(std::string(options.status().message()).find(name) != std::string::npos);
  }
  CHECK(absl::IsInvalidArgument(
      Parse({{"sinceSeconds", "1"}, {"sinceTime", "2024-05-01T10:00:00Z"}}).status()));
}

}  // namespace
}  // namespace kube::kubelet
