#pragma once

#include "absl/status/statusor.h"
#include "common/tls/openssl_ptr.h"

namespace kube::pki {

enum class KeyType {
  kEcdsaP256,  // TLS keys: small and quick to make and use
  kRsa2048,    // the service-account signing key (RS256), as upstream and k3s use
};

// A new private key from OpenSSL's default random source.
absl::StatusOr<tls::EvpPkeyPtr> GenerateKey(KeyType type);

// Whether `key` is an RSA key (RSA leaves also get keyUsage keyEncipherment).
bool IsRsaKey(const EVP_PKEY* key);

// Whether two keys have the same public half (a key pair matches a certificate).
bool SamePublicKey(const EVP_PKEY* a, const EVP_PKEY* b);

}  // namespace kube::pki
