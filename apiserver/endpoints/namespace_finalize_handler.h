#pragma once

#include <httplib.h>

#include "absl/status/status.h"
#include "apiserver/endpoints/request_info.h"
#include "apiserver/generic/store.h"

namespace kube::apiserver {

// PUT /api/v1/namespaces/NAME/finalize: a Namespace body whose spec.finalizers
// replace the stored ones (see FinalizeNamespace); answers the stored namespace.
absl::Status ServeNamespaceFinalize(const Store& namespaces, const RequestInfo& info,
                                    const httplib::Request& request, httplib::Response& response);

}  // namespace kube::apiserver
