#include "kubelet/token/api_token_fetcher.h"

#include "common/client/client.h"
#include "common/client/resources.h"
#include "common/util/strings.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::kubelet {
namespace {

using k8s::authentication::v1::TokenRequest;

absl::StatusOr<TokenRequestPtr> PostTokenRequest(client::Transport& transport,
                                                 const std::string& ns,
                                                 const std::string& service_account,
                                                 const TokenRequest& request) {
  // Subresource creates name their object in its metadata.
  TokenRequest posted = request;
  posted.mutable_metadata()->set_name(service_account);
  posted.mutable_metadata()->set_namespace_(ns);
  absl::StatusOr<client::ObjectPtr> answer = transport.Create(
      client::ResourceFor<k8s::core::v1::ServiceAccount>(), ns, posted, {}, "token");
  if (!answer.ok()) return answer.status();
  if ((*answer)->GetDescriptor() != TokenRequest::descriptor()) {
    return client::internal::WrongType(**answer, TokenRequest::descriptor());
  }
  auto token = std::shared_ptr<TokenRequest>(static_cast<TokenRequest*>(answer->release()));
  if (token->status().token().empty()) {
    return absl::InternalError(kube::StrCat("the token request for serviceaccount \"",
                                            service_account, "\" was answered without a token"));
  }
  return TokenRequestPtr(std::move(token));
}

}  // namespace

TokenFetcher ApiTokenFetcher(std::shared_ptr<client::Transport> transport) {
  return [transport = std::move(transport)](const std::string& ns,
                                            const std::string& service_account,
                                            const TokenRequest& request) {
    return PostTokenRequest(*transport, ns, service_account, request);
  };
}

}  // namespace kube::kubelet
