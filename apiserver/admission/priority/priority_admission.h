#pragma once

#include "apiserver/admission/admission.h"
#include "apiserver/generic/store.h"

namespace kube::apiserver::admission {

// Upstream's Priority admission plugin.
//  - A new pod's spec.priorityClassName is resolved to spec.priority and, when
//    the class has one, spec.preemptionPolicy: 403 "no PriorityClass with name
//    X was found" for a missing class. A pod naming no class gets the global
//    default class (its name too) or priority 0 and PreemptLowerPriority. A
//    priority or preemptionPolicy the client set that differs is refused (403).
//  - A pod update that drops spec.priority or spec.preemptionPolicy keeps the
//    old ones (validation refuses any other change).
//  - A PriorityClass created or updated as globalDefault while another class is
//    the default is refused (403). Should a race leave two, the lower value
//    wins.
// Thread-safe.
class PriorityAdmission final : public Plugin {
 public:
  // `priority_classes` (not owned) outlives the plugin.
  explicit PriorityAdmission(const Store& priority_classes) : priority_classes_(priority_classes) {}

  absl::Status Admit(Request& request) const override;
  absl::Status Validate(const Request& request) const override;

 private:
  absl::Status AdmitPodCreate(Request& request) const;

  const Store& priority_classes_;
};

}  // namespace kube::apiserver::admission
