#include "apiserver/server/request_chain_factory.h"

#include "common/util/strings.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "apiserver/authentication/bootstrap_token.h"
#include "apiserver/authentication/token_file.h"
#include "common/auth/x509_authenticator.h"
#include "common/auth/always_allow.h"
#include "common/auth/union_authorizer.h"
#include "apiserver/authorization/node/node_authorizer.h"
#include "apiserver/authorization/rbac/rbac_authorizer.h"
#include "apiserver/serviceaccount/key_set.h"
#include "apiserver/serviceaccount/signing_key.h"
#include "apiserver/serviceaccount/token_authenticator.h"

namespace kube::apiserver {
namespace {

// ServiceAccount tokens as one of the bearer token authenticators.
class ServiceAccountTokens final : public authentication::TokenAuthenticator {
 public:
  explicit ServiceAccountTokens(std::unique_ptr<serviceaccount::TokenAuthenticator> tokens)
      : tokens_(std::move(tokens)) {}

  absl::StatusOr<std::optional<auth::UserInfo>> AuthenticateToken(
      const std::string& token) const override {
    return tokens_->Authenticate(token, absl::Now(), nullptr);
  }

 private:
  const std::unique_ptr<serviceaccount::TokenAuthenticator> tokens_;
};

absl::StatusOr<std::unique_ptr<authentication::TokenAuthenticator>> NewServiceAccountTokens(
    const ApiServerOptions& options, const serviceaccount::ServiceAccountLookup& lookup) {
  absl::StatusOr<std::vector<serviceaccount::PublicKey>> keys =
      serviceaccount::ReadPublicKeyFiles(options.service_account_key_files);
  if (!keys.ok()) {
    return absl::InvalidArgumentError(
        StrCat("--service-account-key-file: ", keys.status().message()));
  }
  serviceaccount::TokenAuthenticatorConfig config;
  config.issuers = options.service_account_issuers;
  config.api_audiences =
      options.api_audiences.empty() ? options.service_account_issuers : options.api_audiences;
  config.legacy_lookup = options.service_account_lookup;
  auto key_set = std::make_shared<const serviceaccount::PublicKeySet>(std::move(*keys));
  return std::make_unique<ServiceAccountTokens>(
      std::make_unique<serviceaccount::TokenAuthenticator>(config, key_set, lookup));
}

}  // namespace

absl::StatusOr<std::unique_ptr<filters::RequestChain>> NewRequestChain(
    const ApiServerOptions& options, const RequestChainSources& sources,
    const rbac::RbacAuthorizer** rbac) {
  if (rbac != nullptr) *rbac = nullptr;
  std::vector<std::unique_ptr<auth::Authenticator>> authenticators;
  if (!options.client_ca_file.empty()) {
    absl::StatusOr<std::unique_ptr<tls::ClientCertificateVerifier>> verifier =
        tls::ClientCertificateVerifier::FromFile(options.client_ca_file);
    if (!verifier.ok()) {
      return absl::InvalidArgumentError(
          StrCat("--client-ca-file: ", verifier.status().message()));
    }
    authenticators.push_back(
        std::make_unique<auth::X509Authenticator>(std::move(*verifier)));
  }
  std::vector<std::unique_ptr<authentication::TokenAuthenticator>> tokens;
  if (!options.token_auth_file.empty()) {
    absl::StatusOr<std::unique_ptr<authentication::StaticTokenAuthenticator>> file =
        authentication::StaticTokenAuthenticator::FromFile(options.token_auth_file);
    if (!file.ok()) {
      return absl::InvalidArgumentError(StrCat("--token-auth-file: ", file.status().message()));
    }
    tokens.push_back(std::move(*file));
  }
  if (options.enable_bootstrap_token_auth && sources.bootstrap_token_secret) {
    tokens.push_back(std::make_unique<authentication::BootstrapTokenAuthenticator>(
        sources.bootstrap_token_secret));
  }
  if (!options.service_account_key_files.empty()) {
    if (options.service_account_issuers.empty()) {
      return absl::InvalidArgumentError(
          "--service-account-issuer is required with --service-account-key-file");
    }
    absl::StatusOr<std::unique_ptr<authentication::TokenAuthenticator>> service_accounts =
        NewServiceAccountTokens(options, *sources.service_accounts);
    if (!service_accounts.ok()) return service_accounts.status();
    tokens.push_back(std::move(*service_accounts));
  }
  auto authenticator = std::make_unique<authentication::RequestAuthenticator>(
      std::move(authenticators), std::move(tokens), options.anonymous_auth);

  std::vector<std::unique_ptr<auth::Authorizer>> authorizers;
  authorizers.push_back(std::make_unique<auth::PrivilegedGroupsAuthorizer>(
      std::vector<std::string>{std::string(auth::kSystemMasters)}));
  for (const std::string& mode : options.authorization_modes) {
    if (mode == "AlwaysAllow") {
      authorizers.push_back(std::make_unique<auth::AlwaysAllowAuthorizer>());
    } else if (mode == "RBAC") {
      auto authorizer = std::make_unique<rbac::RbacAuthorizer>(*sources.rbac);
      if (rbac != nullptr) *rbac = authorizer.get();
      authorizers.push_back(std::move(authorizer));
    } else if (mode == "Node" && sources.node_graph != nullptr) {
      authorizers.push_back(std::make_unique<node::NodeAuthorizer>(*sources.node_graph,
                                                                   sources.node_graph_catch_up));
    } else {
      return absl::InvalidArgumentError(
          StrCat("--authorization-mode: unsupported mode \"", mode,
                 "\" (supported: Node, RBAC, AlwaysAllow)"));
    }
  }
  return std::make_unique<filters::RequestChain>(
      std::move(authenticator),
      std::make_unique<auth::UnionAuthorizer>(std::move(authorizers)));
}

}  // namespace kube::apiserver
