#include "common/pki/keys.h"

#include <openssl/rsa.h>

#include "common/util/strings.h"

namespace kube::pki {

absl::StatusOr<tls::EvpPkeyPtr> GenerateKey(KeyType type) {
  tls::EvpPkeyPtr key(type == KeyType::kRsa2048 ? EVP_RSA_gen(2048) : EVP_EC_gen("P-256"));
  if (!key) return absl::InternalError(StrCat("key generation: ", tls::OpenSslError()));
  return key;
}

bool IsRsaKey(const EVP_PKEY* key) { return EVP_PKEY_get_base_id(key) == EVP_PKEY_RSA; }

bool SamePublicKey(const EVP_PKEY* a, const EVP_PKEY* b) { return EVP_PKEY_eq(a, b) == 1; }

}  // namespace kube::pki
