#include "controller-manager/daemonset/node_eligibility.h"

#include "common/api/tolerations.h"

namespace kube::kcm::daemonset {

void AddDaemonTolerations(k8s::core::v1::PodSpec& spec) {
  const struct {
    const char* key;
    const char* effect;
  } defaults[] = {
      {"node.kubernetes.io/not-ready", "NoExecute"},
      {"node.kubernetes.io/unreachable", "NoExecute"},
      {"node.kubernetes.io/disk-pressure", "NoSchedule"},
      {"node.kubernetes.io/memory-pressure", "NoSchedule"},
      {"node.kubernetes.io/pid-pressure", "NoSchedule"},
      {"node.kubernetes.io/unschedulable", "NoSchedule"},
  };
  for (const auto& d : defaults) {
    bool present = false;
    for (const auto& t : spec.tolerations()) {
      present |= t.key() == d.key && t.effect() == d.effect && !t.has_tolerationseconds();
    }
    if (present) continue;
    auto* toleration = spec.add_tolerations();
    toleration->set_key(d.key);
    toleration->set_operator_("Exists");
    toleration->set_effect(d.effect);
  }
}

bool ShouldRunOn(const k8s::core::v1::PodSpec& spec, const k8s::core::v1::Node& node) {
  for (const auto& [key, value] : spec.nodeselector()) {
    auto it = node.metadata().labels().find(key);
    if (it == node.metadata().labels().end() || it->second != value) return false;
  }
  k8s::core::v1::PodSpec with_defaults = spec;
  AddDaemonTolerations(with_defaults);
  for (const auto& taint : node.spec().taints()) {
    if (taint.effect() != "NoSchedule" && taint.effect() != "NoExecute") continue;
    if (!api::TolerationsTolerateTaint(with_defaults.tolerations(), taint)) return false;
  }
  return true;
}

}  // namespace kube::kcm::daemonset
