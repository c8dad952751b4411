#pragma once

#include "apiserver/admission/admission.h"
#include "apiserver/generic/store.h"

namespace kube::apiserver::admission {

// Upstream's RuntimeClass admission plugin, on pod creation:
//  - spec.runtimeClassName must name a RuntimeClass: 403 "pod rejected:
//    RuntimeClass "X" not found" otherwise.
//  - The class's overhead.podFixed becomes spec.overhead; a pod that set another
//    overhead, or one without a class that defines it, is refused.
//  - The class's scheduling.nodeSelector is merged into spec.nodeSelector (a key
//    the pod sets to another value is a conflict, 403) and its tolerations are
//    added to the pod's, without duplicates.
// Thread-safe.
class RuntimeClassAdmission final : public Plugin {
 public:
  // `runtime_classes` (not owned) outlives the plugin.
  explicit RuntimeClassAdmission(const Store& runtime_classes)
      : runtime_classes_(runtime_classes) {}

  absl::Status Admit(Request& request) const override;
  absl::Status Validate(const Request& request) const override;

 private:
  const Store& runtime_classes_;
};

}  // namespace kube::apiserver::admission
