#include "controller-manager/app/service_account_token_source.h"

#include "common/client/client.h"
#include "common/client/token_request.h"
#include "common/util/strings.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::kcm::app {

ServiceAccountTokenSource::ServiceAccountTokenSource(std::shared_ptr<client::Transport> root,
                                                     std::string name, absl::Duration lifetime)
    : root_(std::move(root)), name_(std::move(name)), lifetime_(lifetime) {}

absl::StatusOr<std::string> ServiceAccountTokenSource::Token() {
  absl::MutexLock lock(&mu_);
  const absl::Time now = absl::Now();
  if (now < renew_at_) return token_;
  absl::Status ensured = EnsureServiceAccount();
  absl::StatusOr<std::shared_ptr<const k8s::authentication::v1::TokenRequest>> issued;
  if (ensured.ok()) {
    k8s::authentication::v1::TokenRequest request;
    request.mutable_spec()->set_expirationseconds(absl::ToInt64Seconds(lifetime_));
    issued = client::RequestToken(*root_, kControllerNamespace, name_, request);
  }
  absl::Status failed = !ensured.ok() ? ensured : issued.status();
  if (!failed.ok()) {
    // A token that has not expired yet still works while the apiserver is away.
    if (now < expires_at_) return token_;
    return absl::Status(failed.code(), StrCat("a token for serviceaccount ", kControllerNamespace,
                                              "/", name_, ": ", failed.message()));
  }
  token_ = (*issued)->status().token();
  absl::Time expires = absl::FromUnixSeconds((*issued)->status().expirationtimestamp().seconds());
  if (expires <= now) expires = now + lifetime_;
  expires_at_ = expires;
  renew_at_ = now + (expires - now) * 8 / 10;
  return token_;
}

absl::Status ServiceAccountTokenSource::EnsureServiceAccount() {
  client::Client client(root_);
  absl::StatusOr<std::unique_ptr<k8s::core::v1::ServiceAccount>> existing =
      client.Get<k8s::core::v1::ServiceAccount>(kControllerNamespace, name_);
  if (existing.ok()) return absl::OkStatus();
  if (!absl::IsNotFound(existing.status())) return existing.status();
  k8s::core::v1::ServiceAccount account;
  account.mutable_metadata()->set_name(name_);
  account.mutable_metadata()->set_namespace_(kControllerNamespace);
  absl::Status created = client.Create(account).status();
  return absl::IsAlreadyExists(created) ? absl::OkStatus() : created;
}

}  // namespace kube::kcm::app
