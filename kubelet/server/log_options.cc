#include "kubelet/server/log_options.h"

#include "absl/strings/numbers.h"
#include "common/util/parse_bool.h"
#include "common/util/strings.h"

namespace kube::kubelet {
namespace {

absl::StatusOr<bool> ParseBool(const std::string& name, const std::string& value) {
  if (value.empty()) return false;
  if (std::optional<bool> parsed = kube::ParseBool(value)) return *parsed;
  return absl::InvalidArgumentError(kube::StrCat(name, ": \"", value, "\" is not a boolean"));
}

absl::StatusOr<std::optional<int64_t>> ParseCount(const std::string& name,
                                                  const std::string& value, int64_t minimum) {
  if (value.empty()) return std::optional<int64_t>();
  int64_t number = 0;
  if (!absl::SimpleAtoi(value, &number) || number < minimum) {
    return absl::InvalidArgumentError(kube::StrCat(name, ": \"", value, "\" must be an integer >= ",
                                                   minimum));
  }
  return std::optional<int64_t>(number);
}

}  // namespace

absl::StatusOr<LogOptions> ParseLogOptions(const std::function<std::string(const char*)>& param,
                                           absl::Time now) {
  LogOptions options;
  for (auto [name, field] : {std::pair{"follow", &options.follow},
                             std::pair{"previous", &options.previous},
                             std::pair{"timestamps", &options.timestamps}}) {
    absl::StatusOr<bool> value = ParseBool(name, param(name));
    if (!value.ok()) return value.status();
    *field = *value;
  }
  absl::StatusOr<std::optional<int64_t>> tail = ParseCount("tailLines", param("tailLines"), 0);
  if (!tail.ok()) return tail.status();
  options.tail_lines = *tail;
  absl::StatusOr<std::optional<int64_t>> limit = ParseCount("limitBytes", param("limitBytes"), 1);
  if (!limit.ok()) return limit.status();
  options.limit_bytes = *limit;
  absl::StatusOr<std::optional<int64_t>> since_seconds =
      ParseCount("sinceSeconds", param("sinceSeconds"), 1);
  if (!since_seconds.ok()) return since_seconds.status();
  const std::string since_time = param("sinceTime");
  if (since_seconds->has_value() && !since_time.empty()) {
    return absl::InvalidArgumentError("at most one of sinceTime or sinceSeconds may be specified");
  }
  if (since_seconds->has_value()) options.since = now - absl::Seconds(**since_seconds);
  if (!since_time.empty()) {
    absl::Time when;
    std::string error;
    if (!absl::ParseTime(absl::RFC3339_full, since_time, &when, &error)) {
      return absl::InvalidArgumentError(
          kube::StrCat("sinceTime: \"", since_time, "\" is not an RFC 3339 time"));
    }
    options.since = when;
  }
  return options;
}

}  // namespace kube::kubelet
