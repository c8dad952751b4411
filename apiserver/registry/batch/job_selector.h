#pragma once

#include "common/api/field_error.h"
#include "k8s/batch/v1/batch.pb.h"

namespace kube::apiserver {

// The labels a Job's pods carry so that only its own selector matches them.
inline constexpr char kControllerUidLabel[] = "batch.kubernetes.io/controller-uid";
inline constexpr char kLegacyControllerUidLabel[] = "controller-uid";
inline constexpr char kJobNameLabel[] = "batch.kubernetes.io/job-name";
inline constexpr char kLegacyJobNameLabel[] = "job-name";

// Unless spec.manualSelector is true: adds the job-name and controller-uid labels
// (both spellings) to the pod template where absent, and selects
// batch.kubernetes.io/controller-uid=<metadata.uid>. Needs metadata.uid.
void GenerateJobSelector(k8s::batch::v1::Job& job);

// upstream's validateGeneratedSelector: with a generated selector, the template
// must carry the expected labels and the selector must select them.
api::FieldErrors ValidateGeneratedSelector(const k8s::batch::v1::Job& job);

}  // namespace kube::apiserver
