#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "apiserver/serviceaccount/key_set.h"
#include "apiserver/serviceaccount/public_key.h"
#include "apiserver/serviceaccount/signing_key.h"

namespace kube::serviceaccount {

// A JWS in compact serialization (RFC 7515), taken apart but not yet verified: nothing
// in it may be trusted before VerifyCompactJws accepts it.
struct CompactJws {
  std::string algorithm;      // the protected header's "alg", "" when absent
  std::string key_id;         // its "kid", "" when absent
  bool has_critical = false;  // a "crit" header, which no verifier here understands
  std::string payload;        // decoded
  std::string signing_input;  // "header.payload" exactly as received
  std::string signature;      // decoded
};

// Takes a token apart: three base64url segments without padding, a JSON object as
// header. InvalidArgument, naming the fault, for anything else.
absl::StatusOr<CompactJws> ParseCompactJws(std::string_view token);

// header.payload.signature for `payload`, with the header upstream (go-jose) writes:
// {"alg":"<RS256|ES256|...>","kid":"<key id>"} in that order, no "typ".
absl::StatusOr<std::string> SignCompactJws(const SigningKey& key, std::string_view payload);

// OK when `key` signed `jws`. Fails for an "alg" other than RS256/ES256/ES384/ES512
// ("none" and HMAC included), for an "alg" that is not the key's, for a "crit"
// header and for a signature that does not verify.
absl::Status VerifyCompactJws(const CompactJws& jws, const PublicKey& key);

// The key of `keys` that signed `jws`, trying the keys with its "kid" (all keys when
// it names none), as upstream's token authenticator. The error lists each key's
// failure; "invalid signature, no keys found" when no key has that id.
absl::StatusOr<const PublicKey*> VerifyWithKeySet(const CompactJws& jws,
                                                  const PublicKeySet& keys);

// base64url without padding, the encoding of every JWS segment.
std::string Base64UrlEncode(std::string_view bytes);
// Strict inverse: rejects padding and characters outside the URL-safe alphabet.
absl::StatusOr<std::string> Base64UrlDecode(std::string_view text);

}  // namespace kube::serviceaccount
