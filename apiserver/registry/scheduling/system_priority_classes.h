#pragma once

#include <string_view>
#include <vector>

#include "k8s/scheduling/v1/scheduling.pb.h"

namespace kube::apiserver::scheduling {

// Names starting with this are reserved for the system classes below.
inline constexpr std::string_view kSystemPriorityClassPrefix = "system-";
// The highest value a user-defined class may have
// (HighestUserDefinablePriority).
inline constexpr int32_t kHighestUserDefinablePriority = 1000000000;
// What pods get when they name no class and no class is the global default.
inline constexpr int32_t kDefaultPriority = 0;

// Upstream's SystemPriorityClasses: system-node-critical (2000001000) and
// system-cluster-critical (2000000000), as the apiserver creates them at start.
const std::vector<k8s::scheduling::v1::PriorityClass> &SystemPriorityClasses();

// Upstream's IsKnownSystemPriorityClass: "" when `name` is a system class with
// this value and globalDefault, else why not ("value of X PriorityClass must be
// N", "X is not a known system priority class").
std::string KnownSystemPriorityClassError(std::string_view name, int32_t value,
                                          bool global_default);

} // namespace kube::apiserver::scheduling
