#include "apiserver/serviceaccount/public_key.h"

#include <openssl/core_names.h>
#include <openssl/objects.h>
#include <openssl/sha.h>

#include "absl/strings/escaping.h"
#include "common/util/strings.h"

namespace kube::serviceaccount {
namespace {

// DER SubjectPublicKeyInfo of `key`, or an error.
absl::StatusOr<std::string> SpkiDer(EVP_PKEY* key) {
  unsigned char* der = nullptr;
  int length = i2d_PUBKEY(key, &der);
  if (length <= 0) {
    return OpenSslError(absl::StatusCode::kInvalidArgument, "cannot encode the public key");
  }
  OpenSslBytesPtr owned(der);
  return std::string(reinterpret_cast<const char*>(der), static_cast<size_t>(length));
}

// Upstream derives the key id from Go's MarshalPKIXPublicKey, which always names the
// curve and writes the point uncompressed; a key read with explicit parameters or a
// compressed point is brought to that form first so that its id matches.
absl::Status NormalizeEcEncoding(EVP_PKEY* key) {
  if (EVP_PKEY_set_utf8_string_param(key, OSSL_PKEY_PARAM_EC_ENCODING,
                                     OSSL_PKEY_EC_ENCODING_GROUP) != 1 ||
      EVP_PKEY_set_utf8_string_param(key, OSSL_PKEY_PARAM_EC_POINT_CONVERSION_FORMAT,
                                     OSSL_PKEY_EC_POINT_CONVERSION_FORMAT_UNCOMPRESSED) != 1) {
    return OpenSslError(absl::StatusCode::kInvalidArgument,
                        "cannot encode the EC key with a named curve");
  }
  return absl::OkStatus();
}

}  // namespace

std::string_view AlgorithmName(SigningAlgorithm algorithm) {
  switch (algorithm) {
    case SigningAlgorithm::kRS256: return "RS256";
    case SigningAlgorithm::kES256: return "ES256";
    case SigningAlgorithm::kES384: return "ES384";
    case SigningAlgorithm::kES512: return "ES512";
  }
  return "";
}

std::optional<SigningAlgorithm> AlgorithmFromName(std::string_view name) {
  if (name == "RS256") return SigningAlgorithm::kRS256;
  if (name == "ES256") return SigningAlgorithm::kES256;
  if (name == "ES384") return SigningAlgorithm::kES384;
  if (name == "ES512") return SigningAlgorithm::kES512;
  return std::nullopt;
}

absl::StatusOr<SigningAlgorithm> AlgorithmForKey(EVP_PKEY* key) {
  switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA:
      return SigningAlgorithm::kRS256;
    case EVP_PKEY_EC: {
      char group[64] = {};
      size_t group_length = 0;
      if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof(group),
                                         &group_length) != 1) {
        ClearOpenSslErrors();
        return absl::InvalidArgumentError(
            "unknown private key curve, must be 256, 384, or 521");
      }
      switch (OBJ_sn2nid(group)) {
        case NID_X9_62_prime256v1: return SigningAlgorithm::kES256;
        case NID_secp384r1: return SigningAlgorithm::kES384;
        case NID_secp521r1: return SigningAlgorithm::kES512;
        default:
          return absl::InvalidArgumentError(kube::StrCat(
              "unknown private key curve ", std::string_view(group),
              ", must be 256, 384, or 521"));
      }
    }
    default:
      return absl::InvalidArgumentError(
          "unknown key type, must be an RSA or ECDSA key");
  }
}

std::string KeyIdFromSpki(std::string_view spki_der) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(spki_der.data()), spki_der.size(), digest);
  return absl::WebSafeBase64Escape(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof(digest)));
}

absl::StatusOr<PublicKey> PublicKey::FromEvpPkey(EVP_PKEY* key) {
  if (key == nullptr) return absl::InvalidArgumentError("no key");
  absl::StatusOr<SigningAlgorithm> algorithm = AlgorithmForKey(key);
  if (!algorithm.ok()) return algorithm.status();

  // Round-trip through the SPKI so that the kept key holds no private part.
  absl::StatusOr<std::string> der = SpkiDer(key);
  if (!der.ok()) return der.status();
  const unsigned char* cursor = reinterpret_cast<const unsigned char*>(der->data());
  EvpPkeyPtr public_key(d2i_PUBKEY(nullptr, &cursor, static_cast<long>(der->size())));
  if (!public_key) {
    return OpenSslError(absl::StatusCode::kInvalidArgument, "cannot read back the public key");
  }
  if (*algorithm != SigningAlgorithm::kRS256) {
    if (absl::Status normalized = NormalizeEcEncoding(public_key.get()); !normalized.ok()) {
      return normalized;
    }
    der = SpkiDer(public_key.get());
    if (!der.ok()) return der.status();
  }
  std::string key_id = KeyIdFromSpki(*der);
  return PublicKey(std::move(public_key), *algorithm, *std::move(der), std::move(key_id));
}

PublicKey::PublicKey(EvpPkeyPtr key, SigningAlgorithm algorithm, std::string spki_der,
                     std::string key_id)
    : key_(std::move(key)),
      algorithm_(algorithm),
      spki_der_(std::move(spki_der)),
      key_id_(std::move(key_id)) {}

}  // namespace kube::serviceaccount
