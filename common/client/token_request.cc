#include "common/client/token_request.h"

#include "common/client/client.h"
#include "common/client/resources.h"
#include "common/util/strings.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::client {

using k8s::authentication::v1::TokenRequest;

absl::StatusOr<std::shared_ptr<const TokenRequest>> RequestToken(
    Transport& transport, const std::string& ns, const std::string& service_account,
    const TokenRequest& request) {
  // Subresource creates name their object in its metadata.
  TokenRequest posted = request;
  posted.mutable_metadata()->set_name(service_account);
  posted.mutable_metadata()->set_namespace_(ns);
  absl::StatusOr<ObjectPtr> answer =
      transport.Create(ResourceFor<k8s::core::v1::ServiceAccount>(), ns, posted, {}, "token");
  if (!answer.ok()) return answer.status();
  if ((*answer)->GetDescriptor() != TokenRequest::descriptor()) {
    return internal::WrongType(**answer, TokenRequest::descriptor());
  }
  auto token = std::shared_ptr<TokenRequest>(static_cast<TokenRequest*>(answer->release()));
  if (token->status().token().empty()) {
    return absl::InternalError(StrCat("the token request for serviceaccount \"", service_account,
                                      "\" was answered without a token"));
  }
  return std::shared_ptr<const TokenRequest>(std::move(token));
}

}  // namespace kube::client
