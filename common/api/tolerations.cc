#include "common/api/tolerations.h"

namespace kube::api {

bool ToleratesTaint(const k8s::core::v1::Toleration& toleration,
                    const k8s::core::v1::Taint& taint) {
  if (!toleration.effect().empty() && toleration.effect() != taint.effect()) return false;
  if (!toleration.key().empty() && toleration.key() != taint.key()) return false;
  if (toleration.operator_() == "Exists") return true;
  if (toleration.operator_().empty() || toleration.operator_() == "Equal") {
    return toleration.value() == taint.value();
  }
  return false;
}

bool TolerationsTolerateTaint(const Tolerations& tolerations, const k8s::core::v1::Taint& taint) {
  for (const auto& toleration : tolerations) {
    if (ToleratesTaint(toleration, taint)) return true;
  }
  return false;
}

}  // namespace kube::api
