#pragma once

#include <string>

#include "common/api/field_error.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver::core {

// Upstream's ValidatePodSpec for the spec at `path` ("spec", "spec.template.spec").
api::FieldErrors ValidatePodSpec(const k8s::core::v1::PodSpec& spec, const std::string& path);

// Upstream's ValidatePodTemplateSpec: the template's labels and annotations, then
// its spec, at `path` ("spec.template", "template").
api::FieldErrors ValidatePodTemplateSpec(const k8s::core::v1::PodTemplateSpec& spec,
                                         const std::string& path);

// Upstream's ValidateTolerations.
void ValidateTolerations(const google::protobuf::RepeatedPtrField<k8s::core::v1::Toleration>& tolerations,
                         const std::string& path, api::FieldErrors& errors);

// Upstream's ValidatePreemptionPolicy: "PreemptLowerPriority" or "Never" (pods'
// spec.preemptionPolicy and PriorityClass preemptionPolicy).
void ValidatePreemptionPolicy(const std::string& policy, const std::string& path,
                              api::FieldErrors& errors);

// A taint effect: NoSchedule, PreferNoSchedule or NoExecute (empty only if allowed).
void ValidateTaintEffect(const std::string& effect, bool allow_empty, const std::string& path,
                         api::FieldErrors& errors);

}  // namespace kube::apiserver::core
