#pragma once

#include <httplib.h>

#include "absl/status/status.h"
#include "apiserver/endpoints/request_info.h"
#include "apiserver/generic/store_set.h"

namespace kube::apiserver {

// POST pods/NAME/binding (and the legacy POST namespaces/NS/bindings): assigns the
// pod to the target node — spec.nodeName and the PodScheduled condition — once;
// a second binding is 409. What the scheduler calls.
absl::Status ServeBinding(const Store& pods, const RequestInfo& info,
                          const httplib::Request& request, httplib::Response& response);

// POST pods/NAME/eviction (policy/v1 Eviction): deletes the pod unless a
// PodDisruptionBudget forbids it (429, as upstream; kubectl drain retries).
absl::Status ServeEviction(const StoreView& stores, const Store& pods, const RequestInfo& info,
                           const httplib::Request& request, httplib::Response& response);

}  // namespace kube::apiserver
