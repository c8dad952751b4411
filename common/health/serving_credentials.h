#pragma once

#include "absl/status/statusor.h"
#include "common/health/secure_serving_options.h"
#include "common/tls/server_context.h"

namespace kube::health {

// What a secure port serves with, as PEM text: --tls-cert-file and
// --tls-private-key-file, or — without them, as upstream's components do when
// given no certificate — a self-signed certificate made now in memory for
// localhost, 127.0.0.1 and a specific --bind-address (clients cannot verify it
// unless given it; health probes and Prometheus usually skip verification). With
// --client-ca-file, its CAs, so client certificates are requested. Files are named
// in errors.
absl::StatusOr<tls::ServerCredentialsPem> LoadServingCredentials(
    const SecureServingOptions& options);

// A self-signed serving certificate and key for `dns_names` and `ip_addresses`,
// named "localhost@<unix time>" as upstream names its own.
absl::StatusOr<tls::ServerCredentialsPem> SelfSignedServingCredentials(
    const std::vector<std::string>& dns_names, const std::vector<std::string>& ip_addresses);

}  // namespace kube::health
