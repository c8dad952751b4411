#pragma once

#include "absl/status/status.h"
#include "apiserver/generic/store_set.h"

namespace kube::apiserver {

// Upstream's scheduling/bootstrap-system-priority-classes start hook: creates
// system-node-critical and system-cluster-critical when missing. Existing ones
// are left as they are (they cannot be changed anyway), so restarts and several
// apiservers starting at once are harmless.
absl::Status EnsureSystemPriorityClasses(const StoreSet& stores);

}  // namespace kube::apiserver
