#pragma once

#include <functional>
#include <string>

#include "common/api/field_error.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver {

// What the workload kinds (apps, batch) need from the core/v1 registry for the pod
// templates they embed: pod defaulting and pod-spec validation. Passed in at
// registration so these folders need not depend on the core registry; the server
// wires it to the core strategies' functions. Either function may be empty, in
// which case templates are stored as given (tests, or a server without core).
struct PodTemplateHooks {
  // Applies the pod defaults (restartPolicy, dnsPolicy, container defaults, ...)
  // to a template, as upstream's defaulters do for every embedded PodTemplateSpec.
  std::function<void(k8s::core::v1::PodTemplateSpec&)> default_template;
  // Upstream's ValidatePodTemplateSpec: the template's metadata and pod spec, with
  // every error's field under `field_path` ("spec.template").
  std::function<api::FieldErrors(const k8s::core::v1::PodTemplateSpec&,
                                 const std::string& field_path)>
      validate_template;

  void Default(k8s::core::v1::PodTemplateSpec& template_spec) const {
    if (default_template) default_template(template_spec);
  }
  api::FieldErrors Validate(const k8s::core::v1::PodTemplateSpec& template_spec,
                            const std::string& field_path) const {
    return validate_template ? validate_template(template_spec, field_path) : api::FieldErrors{};
  }
};

}  // namespace kube::apiserver
