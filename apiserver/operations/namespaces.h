#pragma once

#include <string_view>

#include "absl/status/statusor.h"
#include "apiserver/generic/store.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver {

// namespaces/finalize: replaces only spec.finalizers of the stored namespace with
// the body's (everything else comes from storage). The namespace controller calls
// it once the namespace is empty to drop the "kubernetes" finalizer; a
// Terminating namespace with no finalizers left is then deleted. A resourceVersion
// in the body must match (409 otherwise).
absl::StatusOr<ObjectPtr> FinalizeNamespace(const Store& namespaces, std::string_view name,
                                            const k8s::core::v1::Namespace& body,
                                            const WriteOptions& options);

}  // namespace kube::apiserver
