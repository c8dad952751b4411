#pragma once

#include "absl/status/status.h"
#include "apiserver/generic/store_set.h"

namespace kube::apiserver {

// Upstream's APF configuration ensurer for the mandatory objects: creates the
// "exempt" and "catch-all" PriorityLevelConfigurations, then FlowSchemas, when
// missing. Existing ones are left as they are (validation keeps their spec fixed),
// so restarts and several apiservers starting at once are harmless.
absl::Status EnsureMandatoryFlowControl(const StoreSet& stores);

}  // namespace kube::apiserver
