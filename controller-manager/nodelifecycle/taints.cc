#include "controller-manager/nodelifecycle/taints.h"

#include "common/api/tolerations.h"
#include "controller-manager/controller/pod_util.h"

namespace kube::kcm::nodelifecycle {
namespace {

using k8s::core::v1::Taint;

bool Managed(const Taint& taint) {
  return (taint.key() == kUnreachableTaint || taint.key() == kNotReadyTaint) &&
         (taint.effect() == "NoSchedule" || taint.effect() == "NoExecute");
}

}  // namespace

std::string ReadyStatus(const k8s::core::v1::Node& node) {
  for (const auto& condition : node.status().conditions()) {
    if (condition.type() == "Ready") return condition.status().empty() ? "Unknown" : condition.status();
  }
  return "Unknown";
}

google::protobuf::RepeatedPtrField<Taint> DesiredTaints(const k8s::core::v1::Node& node,
                                                        const std::string& ready_status,
                                                        absl::Time now) {
  std::string key;
  if (ready_status == "Unknown") key = kUnreachableTaint;
  if (ready_status == "False") key = kNotReadyTaint;
  google::protobuf::RepeatedPtrField<Taint> out;
  for (const Taint& taint : node.spec().taints()) {
    if (!Managed(taint) || taint.key() == key) *out.Add() = taint;
  }
  if (key.empty()) return out;
  for (const char* effect : {"NoSchedule", "NoExecute"}) {
    bool present = false;
    for (const Taint& taint : out) present |= taint.key() == key && taint.effect() == effect;
    if (present) continue;
    Taint* taint = out.Add();
    taint->set_key(key);
    taint->set_effect(effect);
    taint->mutable_timeadded()->set_seconds(absl::ToUnixSeconds(now));
  }
  return out;
}

bool SameTaints(const google::protobuf::RepeatedPtrField<Taint>& a,
                const google::protobuf::RepeatedPtrField<Taint>& b) {
  if (a.size() != b.size()) return false;
  for (const Taint& x : a) {
    bool found = false;
    for (const Taint& y : b) {
      found |= x.key() == y.key() && x.value() == y.value() && x.effect() == y.effect();
    }
    if (!found) return false;
  }
  return true;
}

std::optional<absl::Time> EvictionTime(const k8s::core::v1::Pod& pod,
                                       const google::protobuf::RepeatedPtrField<Taint>& taints,
                                       const TolerationDefaults& defaults, absl::Time now) {
  std::optional<absl::Time> earliest;
  for (const Taint& taint : taints) {
    if (taint.effect() != "NoExecute") continue;
    const absl::Time added = taint.has_timeadded() ? ToAbslTime(taint.timeadded()) : now;
    bool matched = false;
    // Tolerations without tolerationSeconds last forever; the shortest bound wins.
    int64_t seconds = INT64_MAX;
    for (const auto& toleration : pod.spec().tolerations()) {
      if (!api::ToleratesTaint(toleration, taint)) continue;
      matched = true;
      if (!toleration.has_tolerationseconds()) continue;
      seconds = std::min(seconds, std::max<int64_t>(0, toleration.tolerationseconds()));
    }
    if (!matched) {
      if (taint.key() == kNotReadyTaint) {
        seconds = defaults.not_ready_seconds;
      } else if (taint.key() == kUnreachableTaint) {
        seconds = defaults.unreachable_seconds;
      } else {
        seconds = 0;
      }
    } else if (seconds == INT64_MAX) {
      continue;  // tolerated forever
    }
    const absl::Time evict = added + absl::Seconds(seconds);
    if (!earliest || evict < *earliest) earliest = evict;
  }
  return earliest;
}

}  // namespace kube::kcm::nodelifecycle
