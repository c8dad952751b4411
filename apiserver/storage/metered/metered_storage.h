#pragma once

#include <functional>
#include <memory>
#include <string_view>

#include "absl/time/time.h"
#include "apiserver/storage/storage.h"

namespace kube::storage {

// Called after each storage operation with upstream's operation name ("get",
// "list", "create", "update", "delete", "watch"), the resource type the key names
// ("pods" for /registry/pods/ns/name) and how long it took.
using StorageObserver =
    std::function<void(std::string_view operation, std::string_view type, absl::Duration)>;

// Wraps a Storage, timing every call for the apiserver's storage latency metric.
// Thread-safe as the wrapped storage is; `observer` must be too.
std::unique_ptr<Storage> NewMeteredStorage(std::unique_ptr<Storage> inner, StorageObserver observer);

// "pods" for "/registry/pods/ns/name", "deployments.apps" for
// "/registry/deployments.apps/..."; "" when the key has no such part.
std::string_view ResourceTypeOfKey(std::string_view key);

}  // namespace kube::storage
