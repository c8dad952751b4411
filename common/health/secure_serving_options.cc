#include "common/health/secure_serving_options.h"

#include "common/auth/always_allow.h"
#include "common/health/profiling.h"
#include "common/tls/cipher_suites.h"
#include "common/util/strings.h"

namespace kube::health {

void AddSecureServingFlags(flags::FlagSet& flags, SecureServingOptions& o) {
  flags.String("bind-address", &o.bind_address,
               "Address to serve --secure-port on (0.0.0.0: every IPv4 address).");
  flags.Int("secure-port", &o.secure_port,
            "Port for /healthz, /livez, /readyz and /metrics over HTTPS with authentication "
            "and authorization; 0 serves nothing.");
  flags.String("tls-cert-file", &o.tls_cert_file,
               "Serving certificate (PEM, the leaf first, then intermediates). Without it and "
               "--tls-private-key-file a self-signed certificate for localhost and 127.0.0.1 is "
               "made at start.");
  flags.String("tls-private-key-file", &o.tls_private_key_file,
               "The private key of --tls-cert-file.");
  flags.StringList("tls-cipher-suites", &o.tls_cipher_suites,
                   "TLS 1.2 cipher suites, in Go's names; empty: ECDHE with AES-GCM or ChaCha20.");
  flags.String("tls-min-version", &o.tls_min_version,
               "Lowest TLS version accepted: VersionTLS10 .. VersionTLS13.");
  flags.String("client-ca-file", &o.authentication.client_ca_file,
               "Client certificates signed by a CA of this bundle authenticate as their "
               "CommonName (user) and Organizations (groups).");
  flags.String("authentication-kubeconfig", &o.authentication_kubeconfig,
               "kubeconfig of the API server that reviews bearer tokens (TokenReview); empty: "
               "--kubeconfig.");
  flags.Duration("authentication-token-webhook-cache-ttl", &o.authentication.token_cache_ttl,
                 "How long a TokenReview's answer is kept.");
  flags.String("authorization-kubeconfig", &o.authorization_kubeconfig,
               "kubeconfig of the API server that authorizes requests (SubjectAccessReview); "
               "empty: --kubeconfig.");
  flags.StringList("authorization-always-allow-paths",
                   &o.authorization.always_allow_paths,
                   "Paths anyone may reach, authorized without asking the API server; a "
                   "trailing * matches every path it prefixes.");
  flags.Duration("authorization-webhook-cache-authorized-ttl",
                 &o.authorization.allowed_cache_ttl,
                 "How long an allowing SubjectAccessReview answer is kept.");
  flags.Duration("authorization-webhook-cache-unauthorized-ttl",
                 &o.authorization.denied_cache_ttl,
                 "How long a refusing SubjectAccessReview answer is kept.");
  flags.Bool("profiling", &o.profiling, kProfilingHelp);
}

absl::Status ValidateSecureServing(const SecureServingOptions& o) {
  if (o.secure_port < 0 || o.secure_port > 65535) {
    return absl::InvalidArgumentError(StrCat("--secure-port ", o.secure_port, " out of range"));
  }
  if (absl::Status profiling = CheckProfilingFlag(o.profiling); !profiling.ok()) return profiling;
  if (o.tls_cert_file.empty() != o.tls_private_key_file.empty()) {
    return absl::InvalidArgumentError(
        "--tls-cert-file and --tls-private-key-file must be given together");
  }
  if (absl::StatusOr<int> version = tls::ParseMinVersion(o.tls_min_version); !version.ok()) {
    return absl::InvalidArgumentError(StrCat("--tls-min-version: ", version.status().message()));
  }
  if (absl::StatusOr<std::string> suites = tls::OpenSslCipherList(o.tls_cipher_suites);
      !suites.ok()) {
    return absl::InvalidArgumentError(StrCat("--tls-cipher-suites: ", suites.status().message()));
  }
  if (absl::StatusOr<std::unique_ptr<auth::AlwaysAllowPathsAuthorizer>> paths =
          auth::AlwaysAllowPathsAuthorizer::Create(o.authorization.always_allow_paths);
      !paths.ok()) {
    return absl::InvalidArgumentError(
        StrCat("--authorization-always-allow-paths: ", paths.status().message()));
  }
  if (o.authentication.token_cache_ttl < absl::ZeroDuration() ||
      o.authorization.allowed_cache_ttl < absl::ZeroDuration() ||
      o.authorization.denied_cache_ttl < absl::ZeroDuration()) {
    return absl::InvalidArgumentError("cache TTLs must not be negative");
  }
  return absl::OkStatus();
}

}  // namespace kube::health
