#pragma once

#include "absl/status/statusor.h"
#include "k8s/core/v1/core.pb.h"
#include "k8s/meta/v1/meta.pb.h"

namespace kube::kcm::replicaset {

// The controller reference a controller puts on what it creates or adopts:
// controller=true, and blockOwnerDeletion=true so that a foreground deletion of
// the owner waits for the pod.
k8s::meta::v1::OwnerReference ControllerReference(const std::string& api_version,
                                                  const std::string& kind,
                                                  const k8s::meta::v1::ObjectMeta& owner);

// A pod to create from `pod_template` for `owner`: generateName "<owner>-", the
// template's labels, annotations and spec, and the controller reference.
// InvalidArgument when the template has no labels (the pod could never be matched).
absl::StatusOr<k8s::core::v1::Pod> PodFromTemplate(const k8s::core::v1::PodTemplateSpec& pod_template,
                                                   const k8s::meta::v1::ObjectMeta& owner,
                                                   const k8s::meta::v1::OwnerReference& controller_ref);

}  // namespace kube::kcm::replicaset
