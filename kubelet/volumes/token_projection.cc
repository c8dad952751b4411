#include "kubelet/volumes/token_projection.h"

namespace kube::kubelet {

absl::StatusOr<Projection> ProjectServiceAccountToken(
    const k8s::core::v1::Pod& pod, const k8s::core::v1::ServiceAccountTokenProjection& source,
    int mode, TokenManager& tokens) {
  // Admission sets serviceAccountName ("default" when unset); a pod that skipped
  // it gets what admission would have given it.
  std::string service_account = pod.spec().serviceaccountname();
  if (service_account.empty()) service_account = pod.spec().serviceaccount();
  if (service_account.empty()) service_account = "default";

  k8s::authentication::v1::TokenRequest request;
  auto* spec = request.mutable_spec();
  if (!source.audience().empty()) spec->add_audiences(source.audience());
  spec->set_expirationseconds(source.has_expirationseconds() ? source.expirationseconds()
                                                             : kDefaultTokenExpirationSeconds);
  auto* bound = spec->mutable_boundobjectref();
  bound->set_kind("Pod");
  bound->set_apiversion("v1");
  bound->set_name(pod.metadata().name());
  bound->set_uid(pod.metadata().uid());

  absl::StatusOr<TokenRequestPtr> token =
      tokens.GetServiceAccountToken(pod.metadata().namespace_(), service_account, request);
  if (!token.ok()) return token.status();
  Projection files;
  files[source.path()] = FileProjection{(*token)->status().token(), mode};
  return files;
}

}  // namespace kube::kubelet
