#pragma once

#include <string>
#include <string_view>

#include "apiserver/registry/apps/field_checks.h"
#include "apiserver/registry/apps/pod_template_hooks.h"
#include "common/api/field_error.h"
#include "k8s/core/v1/core.pb.h"
#include "k8s/meta/v1/meta.pb.h"

namespace kube::apiserver {

// The selector and pod-template rules the apps controllers share (upstream's
// ValidateReplicaSetSpec, ValidateDeploymentSpec, ValidateDaemonSetSpec). Every
// field path is under "spec".

// spec.selector: required (when `required`), valid, and not empty; the message
// names the kind as upstream does ("empty selector is invalid for deployment").
void CheckControllerSelector(const k8s::meta::v1::LabelSelector* selector, bool required,
                             std::string_view kind_word, api::FieldErrors& errors);

// spec.template.metadata.labels must be selected by spec.selector (skipped for an
// empty selector, which selects everything). `selector` may be null.
void CheckSelectorMatchesTemplate(const k8s::meta::v1::LabelSelector* selector,
                                  const k8s::core::v1::PodTemplateSpec& template_spec,
                                  api::FieldErrors& errors);

// The pod template itself (through `hooks`), then what long-running controllers
// require of it: restartPolicy Always and no activeDeadlineSeconds. `kind` names
// the controller in the activeDeadlineSeconds message ("ReplicaSet").
void CheckAlwaysRunningTemplate(const k8s::core::v1::PodTemplateSpec& template_spec,
                                const PodTemplateHooks& hooks, std::string_view kind,
                                api::FieldErrors& errors);

}  // namespace kube::apiserver
