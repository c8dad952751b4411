#include "apiserver/registry/core/pod_admission.h"

namespace kube::apiserver::core {
namespace {

constexpr int64_t kDefaultTolerationSeconds = 300;

bool Tolerates(const k8s::core::v1::PodSpec& spec, const std::string& key) {
  for (const auto& toleration : spec.tolerations()) {
    if ((toleration.key() == key || toleration.key().empty()) &&
        (toleration.effect() == "NoExecute" || toleration.effect().empty())) {
      return true;
    }
  }
  return false;
}

void AddToleration(k8s::core::v1::PodSpec& spec, const std::string& key) {
  auto* toleration = spec.add_tolerations();
  toleration->set_key(key);
  toleration->set_operator_("Exists");
  toleration->set_effect("NoExecute");
  toleration->set_tolerationseconds(kDefaultTolerationSeconds);
}

}  // namespace

void AdmitDefaultTolerations(k8s::core::v1::PodSpec& spec) {
  const bool not_ready = Tolerates(spec, "node.kubernetes.io/not-ready");
  const bool unreachable = Tolerates(spec, "node.kubernetes.io/unreachable");
  if (!not_ready) AddToleration(spec, "node.kubernetes.io/not-ready");
  if (!unreachable) AddToleration(spec, "node.kubernetes.io/unreachable");
}

}  // namespace kube::apiserver::core
