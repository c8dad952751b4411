#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "apiserver/serviceaccount/public_key.h"
#include "apiserver/serviceaccount/signing_key.h"

namespace kube::serviceaccount {

// The JWS signature primitives (RFC 7518 section 3) on OpenSSL's EVP interface: RS256
// is RSASSA-PKCS1-v1_5 with SHA-256; ESxxx is ECDSA whose signature travels as the
// fixed-width big-endian r || s (not DER).

// The signature of `signing_input` ("header.payload") with the key's algorithm.
absl::StatusOr<std::string> SignJwsInput(const SigningKey& key, std::string_view signing_input);

// OK when `signature` is the key's valid signature of `signing_input` under
// `algorithm`; InvalidArgument when the algorithm does not fit the key, Unauthenticated
// when the signature does not verify.
absl::Status VerifyJwsSignature(const PublicKey& key, SigningAlgorithm algorithm,
                                std::string_view signing_input, std::string_view signature);

}  // namespace kube::serviceaccount
