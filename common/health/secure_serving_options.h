#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "common/auth/delegating/delegating_authenticator.h"
#include "common/auth/delegating/delegating_authorizer.h"
#include "common/flags/flag_set.h"

namespace kube::health {

// A component's secure port, as upstream's SecureServingOptions with delegated
// authentication and authorization (kube-scheduler's 10259,
// kube-controller-manager's 10257): HTTPS, callers authenticated by client
// certificate or TokenReview, authorized by SubjectAccessReview except on the
// always-allowed paths. Defaults are upstream's.
struct SecureServingOptions {
  SecureServingOptions() = default;
  // With the component's default --secure-port.
  explicit SecureServingOptions(int default_port) : secure_port(default_port) {}

  std::string bind_address = "0.0.0.0";  // --bind-address
  int secure_port = 0;                   // --secure-port; 0 serves nothing
  // --tls-cert-file (leaf first, then intermediates) and --tls-private-key-file;
  // without them a self-signed certificate is made in memory at start.
  std::string tls_cert_file;
  std::string tls_private_key_file;
  std::vector<std::string> tls_cipher_suites;  // --tls-cipher-suites; empty: the defaults
  std::string tls_min_version = "VersionTLS12";  // --tls-min-version
  // Where TokenReviews and SubjectAccessReviews go; "" is the component's own
  // --kubeconfig.
  std::string authentication_kubeconfig;  // --authentication-kubeconfig
  std::string authorization_kubeconfig;   // --authorization-kubeconfig
  auth::DelegatingAuthenticationOptions authentication;  // --client-ca-file, cache TTL
  auth::DelegatingAuthorizationOptions authorization;    // always-allowed paths, TTLs
  bool profiling = false;  // --profiling (see profiling.h)

  bool operator==(const SecureServingOptions&) const = default;
};

// Registers upstream's flags for `options` (whose values are the defaults shown):
// --bind-address, --secure-port, --tls-cert-file, --tls-private-key-file,
// --tls-cipher-suites, --tls-min-version, --client-ca-file,
// --authentication-kubeconfig, --authentication-token-webhook-cache-ttl,
// --authorization-kubeconfig, --authorization-always-allow-paths,
// --authorization-webhook-cache-authorized-ttl and -unauthorized-ttl.
void AddSecureServingFlags(flags::FlagSet& flags, SecureServingOptions& options);

// InvalidArgument naming the flag for a port out of range, a certificate without
// its key (or the reverse), a bad path pattern or a negative TTL.
absl::Status ValidateSecureServing(const SecureServingOptions& options);

}  // namespace kube::health
