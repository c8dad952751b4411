#include "apiserver/serviceaccount/jws_signature.h"

#include <openssl/bn.h>

#include <vector>

#include "common/util/strings.h"

namespace kube::serviceaccount {
namespace {

const EVP_MD* DigestFor(SigningAlgorithm algorithm) {
  switch (algorithm) {
    case SigningAlgorithm::kRS256:
    case SigningAlgorithm::kES256: return EVP_sha256();
    case SigningAlgorithm::kES384: return EVP_sha384();
    case SigningAlgorithm::kES512: return EVP_sha512();
  }
  return nullptr;
}

// Bytes of r and of s in the JWS form: the curve's field size (P-521: 66).
size_t EcCoordinateSize(SigningAlgorithm algorithm) {
  switch (algorithm) {
    case SigningAlgorithm::kES256: return 32;
    case SigningAlgorithm::kES384: return 48;
    case SigningAlgorithm::kES512: return 66;
    case SigningAlgorithm::kRS256: break;
  }
  return 0;
}

const unsigned char* InputBytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

// DER ECDSA-Sig-Value -> r || s.
absl::StatusOr<std::string> DerToRaw(std::string_view der, size_t coordinate_size) {
  const unsigned char* cursor = InputBytes(der);
  EcdsaSigPtr signature(d2i_ECDSA_SIG(nullptr, &cursor, static_cast<long>(der.size())));
  if (!signature) return OpenSslError(absl::StatusCode::kInternal, "cannot decode ECDSA signature");
  std::string raw(2 * coordinate_size, '\0');
  unsigned char* out = reinterpret_cast<unsigned char*>(raw.data());
  if (BN_bn2binpad(ECDSA_SIG_get0_r(signature.get()), out, static_cast<int>(coordinate_size)) < 0 ||
      BN_bn2binpad(ECDSA_SIG_get0_s(signature.get()), out + coordinate_size,
                   static_cast<int>(coordinate_size)) < 0) {
    return OpenSslError(absl::StatusCode::kInternal, "cannot encode ECDSA signature");
  }
  return raw;
}

// r || s -> DER ECDSA-Sig-Value; the width must be exactly the curve's.
absl::StatusOr<std::string> RawToDer(std::string_view raw, size_t coordinate_size) {
  if (raw.size() != 2 * coordinate_size) {
    return absl::UnauthenticatedError(kube::StrCat("ECDSA signature has ", raw.size(),
                                                   " bytes, want ", 2 * coordinate_size));
  }
  BnPtr r(BN_bin2bn(InputBytes(raw), static_cast<int>(coordinate_size), nullptr));
  BnPtr s(BN_bin2bn(InputBytes(raw) + coordinate_size, static_cast<int>(coordinate_size), nullptr));
  EcdsaSigPtr signature(ECDSA_SIG_new());
  if (!r || !s || !signature || ECDSA_SIG_set0(signature.get(), r.get(), s.get()) != 1) {
    return OpenSslError(absl::StatusCode::kInternal, "cannot build ECDSA signature");
  }
  r.release();  // owned by the signature now
  s.release();
  unsigned char* der = nullptr;
  int length = i2d_ECDSA_SIG(signature.get(), &der);
  if (length <= 0) return OpenSslError(absl::StatusCode::kInternal, "cannot encode ECDSA signature");
  OpenSslBytesPtr owned(der);
  return std::string(reinterpret_cast<const char*>(der), static_cast<size_t>(length));
}

}  // namespace

absl::StatusOr<std::string> SignJwsInput(const SigningKey& key, std::string_view signing_input) {
  EvpMdCtxPtr context(EVP_MD_CTX_new());
  if (!context ||
      EVP_DigestSignInit(context.get(), nullptr, DigestFor(key.algorithm()), nullptr,
                         key.evp_pkey()) != 1) {
    return OpenSslError(absl::StatusCode::kInternal, "cannot start signing");
  }
  size_t length = 0;
  if (EVP_DigestSign(context.get(), nullptr, &length, InputBytes(signing_input),
                     signing_input.size()) != 1) {
    return OpenSslError(absl::StatusCode::kInternal, "cannot size the signature");
  }
  std::string signature(length, '\0');
  if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                     InputBytes(signing_input), signing_input.size()) != 1) {
    return OpenSslError(absl::StatusCode::kInternal, "cannot sign");
  }
  signature.resize(length);
  if (key.algorithm() == SigningAlgorithm::kRS256) return signature;
  return DerToRaw(signature, EcCoordinateSize(key.algorithm()));
}

absl::Status VerifyJwsSignature(const PublicKey& key, SigningAlgorithm algorithm,
                                std::string_view signing_input, std::string_view signature) {
  if (algorithm != key.algorithm()) {
    return absl::InvalidArgumentError(kube::StrCat(
        "JWS algorithm ", AlgorithmName(algorithm), " does not match the key's algorithm ",
        AlgorithmName(key.algorithm())));
  }
  std::string der;
  if (algorithm != SigningAlgorithm::kRS256) {
    absl::StatusOr<std::string> converted = RawToDer(signature, EcCoordinateSize(algorithm));
    if (!converted.ok()) return converted.status();
    der = *std::move(converted);
    signature = der;
  }
  EvpMdCtxPtr context(EVP_MD_CTX_new());
  if (!context ||
      EVP_DigestVerifyInit(context.get(), nullptr, DigestFor(algorithm), nullptr,
                           key.evp_pkey()) != 1) {
    return OpenSslError(absl::StatusCode::kInternal, "cannot start verifying");
  }
  int verified = EVP_DigestVerify(context.get(), InputBytes(signature), signature.size(),
                                  InputBytes(signing_input), signing_input.size());
  if (verified != 1) {
    ClearOpenSslErrors();
    return absl::UnauthenticatedError("signature does not verify");
  }
  return absl::OkStatus();
}

}  // namespace kube::serviceaccount
