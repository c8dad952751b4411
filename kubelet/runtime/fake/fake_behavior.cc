#include "kubelet/runtime/fake/fake_behavior.h"

#include <optional>

#include "absl/strings/numbers.h"
#include "common/flags/flag_set.h"
#include "common/util/strings.h"

namespace kube::kubelet::fake {
namespace {

// The value for `setting`: the container-specific key wins over the pod-wide one.
std::optional<std::pair<std::string, std::string>> Lookup(
    const std::map<std::string, std::string>& annotations, const std::string& setting,
    const std::string& container_name) {
  std::string specific = kube::StrCat(kFakeAnnotationPrefix, setting, ".", container_name);
  if (auto it = annotations.find(specific); it != annotations.end()) return *it;
  std::string general = kube::StrCat(kFakeAnnotationPrefix, setting);
  if (auto it = annotations.find(general); it != annotations.end()) return *it;
  return std::nullopt;
}

absl::Status Invalid(const std::pair<std::string, std::string>& entry, std::string_view why) {
  return absl::InvalidArgumentError(
      kube::StrCat("annotation ", entry.first, "=\"", entry.second, "\": ", why));
}

absl::Status ParseDuration(const std::pair<std::string, std::string>& entry, absl::Duration* out) {
  if (!flags::ParseGoDuration(entry.second, out).ok()) return Invalid(entry, "not a duration");
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<FakeBehavior> BehaviorFromAnnotations(
    const std::map<std::string, std::string>& annotations, const std::string& container_name) {
  FakeBehavior behavior;
  bool exits = false;
  if (auto entry = Lookup(annotations, "exit-code", container_name)) {
    if (!absl::SimpleAtoi(entry->second, &behavior.exit_code)) {
      return Invalid(*entry, "not an integer");
    }
    exits = true;
  }
  if (auto entry = Lookup(annotations, "oom", container_name)) {
    behavior.oom_killed = entry->second == "true";
    exits = exits || behavior.oom_killed;
  }
  if (auto entry = Lookup(annotations, "exit-after", container_name)) {
    if (absl::Status s = ParseDuration(*entry, &behavior.run_for); !s.ok()) return s;
  } else if (exits) {
    behavior.run_for = absl::ZeroDuration();
  }
  if (auto entry = Lookup(annotations, "stop-delay", container_name)) {
    if (absl::Status s = ParseDuration(*entry, &behavior.stop_delay); !s.ok()) return s;
  }
  if (auto entry = Lookup(annotations, "probe-fail-after", container_name)) {
    if (absl::Status s = ParseDuration(*entry, &behavior.exec_fail_after); !s.ok()) return s;
  }
  if (auto entry = Lookup(annotations, "start-error", container_name)) {
    behavior.start_error = entry->second;
  }
  return behavior;
}

}  // namespace kube::kubelet::fake
