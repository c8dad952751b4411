#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "apiserver/serviceaccount/openssl_util.h"
#include "apiserver/serviceaccount/public_key.h"

namespace kube::serviceaccount {

// The private key tokens are signed with (--service-account-signing-key-file): RSA, or
// EC on P-256, P-384 or P-521.
//
// Immutable once made; all methods are const and safe to call from any thread
// (OpenSSL 3 allows concurrent signing with one EVP_PKEY). Move-only.
class SigningKey {
 public:
  // The first private key in PEM text: an "RSA PRIVATE KEY" (PKCS#1), "EC PRIVATE
  // KEY" (SEC 1) or "PRIVATE KEY" (PKCS#8) block; other blocks ("EC PARAMETERS") are
  // skipped, as upstream's keyutil.ParsePrivateKeyPEM does.
  static absl::StatusOr<SigningKey> FromPem(std::string_view pem);
  static absl::StatusOr<SigningKey> FromFile(const std::string& path);
  // Takes a key made elsewhere (a test's freshly generated key).
  static absl::StatusOr<SigningKey> FromEvpPkey(EvpPkeyPtr key);

  SigningKey(SigningKey&&) = default;
  SigningKey& operator=(SigningKey&&) = default;

  SigningAlgorithm algorithm() const { return public_key_.algorithm(); }
  const std::string& key_id() const { return public_key_.key_id(); }
  const PublicKey& public_key() const { return public_key_; }
  // The key, for signing only (OpenSSL takes it non-const; do not modify it).
  EVP_PKEY* evp_pkey() const { return key_.get(); }

 private:
  SigningKey(EvpPkeyPtr key, PublicKey public_key)
      : key_(std::move(key)), public_key_(std::move(public_key)) {}

  EvpPkeyPtr key_;
  PublicKey public_key_;
};

// Every verification key in PEM text, as upstream's keyutil.ParsePublicKeysPEM for
// --service-account-key-file: "PUBLIC KEY" (SPKI), "RSA PUBLIC KEY" (PKCS#1),
// "CERTIFICATE" (its subject key) and the public half of private-key blocks. Other
// blocks are skipped; text with no key at all is an error.
absl::StatusOr<std::vector<PublicKey>> ParsePublicKeysPem(std::string_view pem);

// The keys of every file, in order (the flag may be given several times).
absl::StatusOr<std::vector<PublicKey>> ReadPublicKeyFiles(const std::vector<std::string>& paths);

}  // namespace kube::serviceaccount
