#pragma once

#include "absl/status/status.h"
#include "apiserver/generic/store_set.h"
#include "apiserver/registry/resource_registry.h"

namespace kube::apiserver {

// Upstream's autoregister controller at start ("onstart"): one local APIService per
// group-version the registry serves, created when missing and its spec put back
// when it was changed, with status Available=True, reason Local. Idempotent across
// restarts and concurrent apiservers.
absl::Status EnsureLocalApiServices(const ResourceRegistry& registry, const StoreSet& stores);

}  // namespace kube::apiserver
