#pragma once

#include <string>

#include "common/api/field_error.h"
#include "k8s/util/intstr/intstr.pb.h"

namespace kube::apiserver {

// Upstream's appsvalidation helpers for int-or-percent fields (maxSurge,
// maxUnavailable, minAvailable), shared with policy.

// ValidatePositiveIntOrPercent: a non-negative int, or a "<digits>%" string.
void CheckIntOrPercent(const k8s::util::intstr::IntOrString& value, const std::string& field,
                       api::FieldErrors& errors);

// IsNotMoreThan100Percent: a percentage may not exceed 100%.
void CheckNotMoreThan100Percent(const k8s::util::intstr::IntOrString& value,
                                const std::string& field, api::FieldErrors& errors);

// getIntOrPercentValue: the number, whether absolute or percent (0 if malformed).
int IntOrPercentValue(const k8s::util::intstr::IntOrString& value);

// An IntOrString holding an int or a string.
k8s::util::intstr::IntOrString IntOrStringFromInt(int value);
k8s::util::intstr::IntOrString IntOrStringFromString(std::string value);

}  // namespace kube::apiserver
