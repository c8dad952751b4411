#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "common/client/transport.h"
#include "k8s/authentication/v1/authentication.pb.h"

namespace kube::client {

// POST /api/v1/namespaces/NS/serviceaccounts/NAME/token: a token for ServiceAccount
// `service_account` (kubectl create token; the kubelet's projected tokens; the
// controller-manager's per-loop credentials). Internal when answered without one.
absl::StatusOr<std::shared_ptr<const k8s::authentication::v1::TokenRequest>> RequestToken(
    Transport& transport, const std::string& ns, const std::string& service_account,
    const k8s::authentication::v1::TokenRequest& request);

}  // namespace kube::client
