#include "kubelet/app/server_security.h"

#include <filesystem>

#include "common/auth/union_authorizer.h"
#include "common/health/serving_credentials.h"
#include "common/log/log.h"
#include "common/pki/pki_files.h"
#include "common/tls/pem.h"
#include "common/tls/server_context.h"
#include "common/util/strings.h"

namespace kube::kubelet {
namespace {

absl::StatusOr<std::string> ReadFlagFile(const std::string& flag, const std::string& path) {
  absl::StatusOr<std::string> content = tls::ReadFileToString(path);
  if (!content.ok()) {
    return absl::InvalidArgumentError(StrCat("--", flag, ": ", content.status().message()));
  }
  return content;
}

// The self-signed certificate of <cert-dir>, made (and kept, so that clients that
// pinned it still trust it after a restart) when it is not there yet, as upstream's
// kubelet keeps kubelet.crt and kubelet.key.
absl::StatusOr<tls::ServerCredentialsPem> SelfSignedInCertDir(const KubeletOptions& options,
                                                               const MachineInfo& machine) {
  const std::string cert_path = options.cert_dir + "/kubelet.crt";
  const std::string key_path = options.cert_dir + "/kubelet.key";
  std::error_code error;
  if (std::filesystem::exists(cert_path, error) && std::filesystem::exists(key_path, error)) {
    absl::StatusOr<std::string> cert = tls::ReadFileToString(cert_path);
    absl::StatusOr<std::string> key = tls::ReadFileToString(key_path);
    if (cert.ok() && key.ok()) return tls::ServerCredentialsPem{*cert, *key, ""};
  }
  std::vector<std::string> dns_names = {options.node_name, "localhost"};
  if (!machine.hostname.empty() && machine.hostname != options.node_name) {
    dns_names.push_back(machine.hostname);
  }
  std::vector<std::string> ips = {"127.0.0.1"};
  if (!machine.internal_ip.empty() && machine.internal_ip != "127.0.0.1") {
    ips.push_back(machine.internal_ip);
  }
  absl::StatusOr<tls::ServerCredentialsPem> made =
      health::SelfSignedServingCredentials(dns_names, ips);
  if (!made.ok()) return made.status();
  std::filesystem::create_directories(options.cert_dir, error);
  if (error) {
    return absl::InvalidArgumentError(
        StrCat("--cert-dir: cannot create ", options.cert_dir, ": ", error.message()));
  }
  if (absl::Status written = pki::WriteFileAtomically(key_path, made->key, 0600); !written.ok()) {
    return written;
  }
  if (absl::Status written = pki::WriteFileAtomically(cert_path, made->cert_chain, 0644);
      !written.ok()) {
    return written;
  }
  KLOG(Info) << "made a self-signed serving certificate in " << cert_path;
  return made;
}

absl::StatusOr<tls::ServerCredentialsPem> ServingCredentials(const KubeletOptions& options,
                                                             const MachineInfo& machine) {
  tls::ServerCredentialsPem credentials;
  if (!options.tls_cert_file.empty()) {
    absl::StatusOr<std::string> cert = ReadFlagFile("tls-cert-file", options.tls_cert_file);
    if (!cert.ok()) return cert.status();
    absl::StatusOr<std::string> key =
        ReadFlagFile("tls-private-key-file", options.tls_private_key_file);
    if (!key.ok()) return key.status();
    credentials.cert_chain = std::move(*cert);
    credentials.key = std::move(*key);
  } else {
    absl::StatusOr<tls::ServerCredentialsPem> made = SelfSignedInCertDir(options, machine);
    if (!made.ok()) return made.status();
    credentials = std::move(*made);
  }
  if (!options.client_ca_file.empty()) {
    absl::StatusOr<std::string> ca = ReadFlagFile("client-ca-file", options.client_ca_file);
    if (!ca.ok()) return ca.status();
    credentials.client_ca = std::move(*ca);
  }
  return credentials;
}

}  // namespace

absl::StatusOr<KubeletServerSecurity> NewKubeletServerSecurity(
    const KubeletOptions& options, const MachineInfo& machine,
    std::shared_ptr<client::Transport> transport) {
  absl::StatusOr<tls::ServerCredentialsPem> credentials = ServingCredentials(options, machine);
  if (!credentials.ok()) return credentials.status();
  tls::ServerTlsOptions tls_options;
  tls_options.cipher_suites = options.tls_cipher_suites;
  tls_options.min_version = options.tls_min_version;
  absl::StatusOr<tls::SslCtxPtr> context = tls::NewServerContext(*credentials, tls_options);
  if (!context.ok()) return context.status();

  KubeletServerSecurity security;
  security.tls = std::move(*context);
  auth::DelegatingAuthenticationOptions authentication;
  authentication.client_ca_file = options.client_ca_file;
  authentication.token_cache_ttl = options.authentication_token_webhook_cache_ttl;
  authentication.anonymous = options.anonymous_auth;
  absl::StatusOr<std::unique_ptr<auth::DelegatingAuthenticator>> authenticator =
      auth::DelegatingAuthenticator::Create(
          authentication, options.authentication_token_webhook ? transport : nullptr);
  if (!authenticator.ok()) return authenticator.status();
  security.authenticator = std::move(*authenticator);

  if (options.authorization_mode == "AlwaysAllow") {
    std::vector<std::unique_ptr<auth::Authorizer>> always;
    always.push_back(std::make_unique<auth::AlwaysAllowAuthorizer>());
    security.authorizer = std::make_unique<auth::DelegatingAuthorizer>(std::move(always));
    return security;
  }
  // Upstream's kubelet asks the API server about everyone: no path and no group is
  // allowed without a review.
  auth::DelegatingAuthorizationOptions authorization;
  authorization.always_allow_paths = {};
  authorization.always_allow_groups = {};
  authorization.allowed_cache_ttl = options.authorization_webhook_cache_authorized_ttl;
  authorization.denied_cache_ttl = options.authorization_webhook_cache_unauthorized_ttl;
  absl::StatusOr<std::unique_ptr<auth::DelegatingAuthorizer>> authorizer =
      auth::DelegatingAuthorizer::Create(authorization, std::move(transport));
  if (!authorizer.ok()) return authorizer.status();
  security.authorizer = std::move(*authorizer);
  return security;
}

}  // namespace kube::kubelet
