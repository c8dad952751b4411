#pragma once

#include <string_view>

#include "absl/status/status.h"
#include <openssl/ssl.h>

namespace kube::tls {

// Installs a certificate chain (PEM, leaf first, then intermediates) and its private
// key on `ctx`, as the certificate a server serves or a client presents.
// InvalidArgument when either does not parse or the key is not the leaf's ("tls:
// private key does not match public key", Go's words).
absl::Status UseKeyPair(SSL_CTX* ctx, std::string_view cert_chain_pem, std::string_view key_pem);

}  // namespace kube::tls
