#pragma once

#include <string>

#include "apiserver/registry/apps/pod_template_hooks.h"
#include "common/api/field_error.h"
#include "k8s/batch/v1/batch.pb.h"

namespace kube::apiserver {

// upstream's validateJobSpec, shared by Job (path "spec") and CronJob's job
// template (path "spec.jobTemplate.spec"): counts and limits, completion mode,
// pod failure and replacement policies, the pod template (through `hooks`), and a
// restartPolicy of OnFailure or Never. The selector is checked by the callers.
void CheckJobSpec(const k8s::batch::v1::JobSpec& spec, const std::string& path,
                  const PodTemplateHooks& hooks, api::FieldErrors& errors);

}  // namespace kube::apiserver
