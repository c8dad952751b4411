#pragma once

#include "k8s/core/v1/core.pb.h"

namespace kube::kcm {

// Whether `ns` is being deleted (deletionTimestamp set or phase Terminating): the
// apiserver refuses new objects in it and the namespace loop is emptying it, so
// loops that populate every namespace leave it alone.
bool IsNamespaceTerminating(const k8s::core::v1::Namespace& ns);

}  // namespace kube::kcm
