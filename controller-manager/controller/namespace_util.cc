#include "controller-manager/controller/namespace_util.h"

namespace kube::kcm {

bool IsNamespaceTerminating(const k8s::core::v1::Namespace& ns) {
  return ns.metadata().has_deletiontimestamp() || ns.status().phase() == "Terminating";
}

}  // namespace kube::kcm
