#pragma once

#include <httplib.h>

#include "absl/status/status.h"
#include "apiserver/endpoints/request_info.h"
#include "apiserver/generic/store.h"

namespace kube::apiserver {

// The /scale subresource of replicationcontrollers, replicasets, deployments and
// statefulsets: GET, PUT and PATCH an autoscaling/v1 Scale whose spec.replicas is
// the parent's spec.replicas and whose status.selector is the parent's selector as
// a label-selector string (what `kubectl scale` requires). A Scale's
// resourceVersion is the parent's and is a precondition when set.
absl::Status ServeScale(const ResourceInfo& resource, const Store& store, const RequestInfo& info,
                        const httplib::Request& request, httplib::Response& response);

}  // namespace kube::apiserver
