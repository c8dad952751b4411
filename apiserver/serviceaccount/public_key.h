#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "apiserver/serviceaccount/openssl_util.h"

namespace kube::serviceaccount {

// The JWS algorithms service-account tokens are signed with; which one follows from
// the key: RSA keys sign RS256 (whatever their size), EC keys ES256/ES384/ES512 by
// curve (P-256/P-384/P-521), as upstream's token generator.
enum class SigningAlgorithm { kRS256, kES256, kES384, kES512 };

// "RS256", "ES256", ...
std::string_view AlgorithmName(SigningAlgorithm algorithm);
// The algorithm a JWS "alg" names, or nothing for any other value ("none", "HS256").
std::optional<SigningAlgorithm> AlgorithmFromName(std::string_view name);

// One key that verifies tokens: the public half of an RSA or EC (P-256/384/521) key,
// with its key id and algorithm.
//
// Immutable once made; all methods are const and safe to call from any thread
// (OpenSSL 3 allows concurrent use of one EVP_PKEY for verification). Move-only.
class PublicKey {
 public:
  // The public half of `key` (a private key gives its public half). Fails for other
  // key types and curves.
  static absl::StatusOr<PublicKey> FromEvpPkey(EVP_PKEY* key);

  PublicKey(PublicKey&&) = default;
  PublicKey& operator=(PublicKey&&) = default;

  // base64url(SHA-256(DER SubjectPublicKeyInfo)), no padding: upstream's
  // keyIDFromPublicKey, the "kid" of tokens and of the JWKS.
  const std::string& key_id() const { return key_id_; }
  SigningAlgorithm algorithm() const { return algorithm_; }
  // The DER SubjectPublicKeyInfo (named curve, uncompressed point for EC keys).
  const std::string& spki_der() const { return spki_der_; }
  // The key, for verification only (OpenSSL takes it non-const; do not modify it).
  EVP_PKEY* evp_pkey() const { return key_.get(); }

 private:
  PublicKey(EvpPkeyPtr key, SigningAlgorithm algorithm, std::string spki_der,
            std::string key_id);

  EvpPkeyPtr key_;
  SigningAlgorithm algorithm_;
  std::string spki_der_;
  std::string key_id_;
};

// The algorithm for an RSA or EC key, or InvalidArgument for any other key.
absl::StatusOr<SigningAlgorithm> AlgorithmForKey(EVP_PKEY* key);

// The key id of a DER SubjectPublicKeyInfo.
std::string KeyIdFromSpki(std::string_view spki_der);

}  // namespace kube::serviceaccount
