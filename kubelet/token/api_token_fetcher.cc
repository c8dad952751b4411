#include "kubelet/token/api_token_fetcher.h"

#include "common/client/token_request.h"

namespace kube::kubelet {

TokenFetcher ApiTokenFetcher(std::shared_ptr<client::Transport> transport) {
  return [transport = std::move(transport)](
             const std::string& ns, const std::string& service_account,
             const k8s::authentication::v1::TokenRequest& request)
             -> absl::StatusOr<TokenRequestPtr> {
    return client::RequestToken(*transport, ns, service_account, request);
  };
}

}  // namespace kube::kubelet
