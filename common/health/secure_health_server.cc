#include "common/health/secure_health_server.h"

#include "common/client/grpc_transport.h"
#include "common/health/serving_credentials.h"
#include "common/util/strings.h"

namespace kube::health {
namespace {

// The component's own transport, or one from `kubeconfig` when the flag names one.
absl::StatusOr<std::shared_ptr<client::Transport>> ReviewTransport(
    const std::string& flag, const std::string& kubeconfig,
    const std::shared_ptr<client::Transport>& own) {
  if (kubeconfig.empty()) return own;
  absl::StatusOr<std::unique_ptr<client::Transport>> transport =
      client::NewTransportFromKubeconfig(kubeconfig);
  if (!transport.ok()) {
    return absl::InvalidArgumentError(StrCat(flag, ": ", transport.status().message()));
  }
  return std::shared_ptr<client::Transport>(std::move(*transport));
}

}  // namespace

absl::StatusOr<std::unique_ptr<HealthServer>> NewSecureHealthServer(
    HealthChecks checks, const SecureServingOptions& options,
    std::shared_ptr<client::Transport> transport) {
  if (absl::Status valid = ValidateSecureServing(options); !valid.ok()) return valid;
  absl::StatusOr<tls::ServerCredentialsPem> credentials = LoadServingCredentials(options);
  if (!credentials.ok()) return credentials.status();
  tls::ServerTlsOptions tls_options;
  tls_options.cipher_suites = options.tls_cipher_suites;
  tls_options.min_version = options.tls_min_version;
  absl::StatusOr<tls::SslCtxPtr> context = tls::NewServerContext(*credentials, tls_options);
  if (!context.ok()) return context.status();

  absl::StatusOr<std::shared_ptr<client::Transport>> token_reviews = ReviewTransport(
      "--authentication-kubeconfig", options.authentication_kubeconfig, transport);
  if (!token_reviews.ok()) return token_reviews.status();
  absl::StatusOr<std::shared_ptr<client::Transport>> access_reviews = ReviewTransport(
      "--authorization-kubeconfig", options.authorization_kubeconfig, transport);
  if (!access_reviews.ok()) return access_reviews.status();

  absl::StatusOr<std::unique_ptr<auth::DelegatingAuthenticator>> authenticator =
      auth::DelegatingAuthenticator::Create(options.authentication, std::move(*token_reviews));
  if (!authenticator.ok()) return authenticator.status();
  absl::StatusOr<std::unique_ptr<auth::DelegatingAuthorizer>> authorizer =
      auth::DelegatingAuthorizer::Create(options.authorization, std::move(*access_reviews));
  if (!authorizer.ok()) return authorizer.status();
  return std::make_unique<HealthServer>(
      std::move(checks), std::move(*context),
      std::make_unique<auth::HttpGuard>(std::move(*authenticator), std::move(*authorizer)));
}

}  // namespace kube::health
