#pragma once

#include <memory>

#include "common/client/transport.h"
#include "kubelet/token/token_manager.h"

namespace kube::kubelet {

// The TokenManager's requests through `transport`: POST
// /api/v1/namespaces/NS/serviceaccounts/NAME/token (authentication.k8s.io/v1
// TokenRequest), as the kubelet's own identity (system:node:NAME may create
// serviceaccounts/token).
TokenFetcher ApiTokenFetcher(std::shared_ptr<client::Transport> transport);

}  // namespace kube::kubelet
