#pragma once

#include <string>

#include "absl/time/time.h"
#include "k8s/meta/v1/meta.pb.h"

namespace kube::apiserver {

// Upstream's duration.HumanDuration: about two significant figures, e.g. "45s",
// "2m30s", "15m", "3h20m", "2d5h", "400d", "3y20d". A duration below -1s prints
// "<invalid>" and one in (-2s, 0) prints "0s", to forgive small clock skew.
std::string HumanDuration(absl::Duration d);

// Upstream's duration.ShortHumanDuration: one unit, e.g. "45s", "2m", "3h", "2d",
// "3y", with HumanDuration's "<invalid>" and "0s". Custom resource date columns
// (apimachinery's ConvertToHumanReadableDateType) print ages this way.
std::string ShortHumanDuration(absl::Duration d);

// The Unix time a Time or MicroTime stands for.
absl::Time ToAbslTime(const k8s::meta::v1::Time& time);
absl::Time ToAbslTime(const k8s::meta::v1::MicroTime& time);

// True for the zero (unset) timestamp, which this codebase stores as {0, 0}.
bool IsZeroTime(const k8s::meta::v1::Time& time);
bool IsZeroTime(const k8s::meta::v1::MicroTime& time);

// HumanDuration(now - time), or "<unknown>" for a zero timestamp: the AGE cell.
std::string TimestampSince(const k8s::meta::v1::Time& time, absl::Time now);
std::string TimestampSince(const k8s::meta::v1::MicroTime& time, absl::Time now);

}  // namespace kube::apiserver
