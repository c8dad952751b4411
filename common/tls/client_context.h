#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/tls/openssl_ptr.h"

namespace kube::tls {

// A TLS client's configuration, as a kubeconfig gives it.
struct ClientTlsOptions {
  std::string ca_pem;    // CAs to verify the server by; empty: the system's store
  std::string cert_pem;  // client certificate chain (leaf first); empty: none
  std::string key_pem;   // its private key; set exactly when cert_pem is
  bool insecure_skip_verify = false;  // verify nothing about the server
  // ALPN protocols offered, in order of preference; empty offers none.
  std::vector<std::string> alpn_protocols;
};

// A client SSL_CTX: TLS >= 1.2 with OpenSSL's default suites, the server's chain
// verified against ca_pem (or the system store) unless insecure_skip_verify, and the
// optional client certificate. The server's name is checked per connection by
// TlsConnection::Connect. InvalidArgument for PEM that does not parse, a key that
// does not match, or a certificate without a key (or the reverse). Like a server
// context, it may be shared by connections on any threads.
absl::StatusOr<SslCtxPtr> NewClientContext(const ClientTlsOptions& options);

}  // namespace kube::tls
