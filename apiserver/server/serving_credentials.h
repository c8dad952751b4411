#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "apiserver/server/api_server_options.h"
#include "common/tls/openssl_ptr.h"

namespace kube::apiserver {

// What the secure port (and the gRPC port beside it) serve with, as PEM text.
struct ServingCredentials {
  std::string cert_chain;  // leaf first
  std::string key;
  std::string client_ca;   // --client-ca-file's CAs; empty: no client certificates asked
  bool self_signed = false;
};

// --tls-cert-file and --tls-private-key-file, or, without them, a self-signed
// certificate made now for localhost, 127.0.0.1, the bind address and the
// `kubernetes` Service's names and IP (the first of --service-cluster-ip-range),
// as upstream makes one when given no certificate. Files are named in errors.
absl::StatusOr<ServingCredentials> LoadServingCredentials(const ApiServerOptions& options);

// The HTTPS server's TLS context: upstream's parameters (tls::NewServerContext) with
// the --tls-cipher-suites and --tls-min-version given.
absl::StatusOr<tls::SslCtxPtr> NewServingTlsContext(const ServingCredentials& credentials,
                                                    const ApiServerOptions& options);

// The first address of a CIDR ("10.96.0.0/16" -> "10.96.0.1"): the `kubernetes`
// Service's cluster IP. Empty when the CIDR does not parse.
std::string FirstServiceIp(const std::string& cidr);

}  // namespace kube::apiserver
