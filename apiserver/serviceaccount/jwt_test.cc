#include "apiserver/serviceaccount/jwt.h"

#include <catch2/catch.hpp>

#include <openssl/bn.h>

#include "apiserver/serviceaccount/jws_signature.h"
#include "apiserver/serviceaccount/test_keys.h"

namespace kube::serviceaccount {
namespace {

using testing::GenerateEcKey;
using testing::GenerateRsaKey;
using testing::MakeSigningKey;
using testing::PrivateKeyPem;
using testing::PublicKeyPem;
using testing::RunCommand;
using testing::ScratchDir;
using testing::SharedEcKey;
using testing::SharedRsaKey;

std::vector<std::string> SplitToken(const std::string& token) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t dot; (dot = token.find('.', start)) != std::string::npos; start = dot + 1) {
    parts.push_back(token.substr(start, dot - start));
  }
  parts.push_back(token.substr(start));
  return parts;
}

std::string DecodeSegment(const std::string& segment) { return *Base64UrlDecode(segment); }

// A token with its header replaced (and the old signature kept).
std::string WithHeader(const std::string& token, const std::string& header_json) {
  std::vector<std::string> parts = SplitToken(token);
  return Base64UrlEncode(header_json) + "." + parts[1] + "." + parts[2];
}

// r || s as DER, for the openssl command line.
std::string RawEcSignatureToDer(const std::string& raw) {
  size_t half = raw.size() / 2;
  const auto* bytes = reinterpret_cast<const unsigned char*>(raw.data());
  EcdsaSigPtr signature(ECDSA_SIG_new());
  ECDSA_SIG_set0(signature.get(), BN_bin2bn(bytes, static_cast<int>(half), nullptr),
                 BN_bin2bn(bytes + half, static_cast<int>(half), nullptr));
  unsigned char* der = nullptr;
  int length = i2d_ECDSA_SIG(signature.get(), &der);
  std::string out(reinterpret_cast<char*>(der), static_cast<size_t>(length));
  OPENSSL_free(der);
  return out;
}

TEST_CASE("tokens carry go-jose's header and round-trip", "[serviceaccount]") {
  for (const SigningKey* key : {&SharedRsaKey(), &SharedEcKey()}) {
    absl::StatusOr<std::string> token = SignCompactJws(*key, R"({"iss":"x"})");
    REQUIRE(token.ok());
    std::vector<std::string> parts = SplitToken(*token);
    REQUIRE(parts.size() == 3);
    CHECK(DecodeSegment(parts[0]) == R"({"alg":")" + std::string(AlgorithmName(key->algorithm())) +
                                         R"(","kid":")" + key->key_id() + R"("})");
    CHECK(DecodeSegment(parts[1]) == R"({"iss":"x"})");
    CHECK(token->find('=') == std::string::npos);

    absl::StatusOr<CompactJws> jws = ParseCompactJws(*token);
    REQUIRE(jws.ok());
    CHECK(jws->algorithm == AlgorithmName(key->algorithm()));
    CHECK(jws->key_id == key->key_id());
    CHECK(jws->payload == R"({"iss":"x"})");
    CHECK(VerifyCompactJws(*jws, key->public_key()).ok());
  }
}

TEST_CASE("ES384 and ES512 signatures have the fixed JWS widths", "[serviceaccount]") {
  for (auto [curve, width] : {std::pair{"P-384", 96}, std::pair{"P-521", 132}}) {
    SigningKey key = MakeSigningKey(GenerateEcKey(curve));
    absl::StatusOr<CompactJws> jws = ParseCompactJws(*SignCompactJws(key, "{}"));
    REQUIRE(jws.ok());
    CHECK(jws->signature.size() == static_cast<size_t>(width));
    CHECK(VerifyCompactJws(*jws, key.public_key()).ok());
  }
}

TEST_CASE("a tampered payload or signature fails verification", "[serviceaccount]") {
  const SigningKey& key = SharedRsaKey();
  std::vector<std::string> parts = SplitToken(*SignCompactJws(key, R"({"sub":"a"})"));
  std::string tampered = parts[0] + "." + Base64UrlEncode(R"({"sub":"b"})") + "." + parts[2];
  absl::Status verified = VerifyCompactJws(*ParseCompactJws(tampered), key.public_key());
  CHECK(verified.code() == absl::StatusCode::kUnauthenticated);

  std::string signature = DecodeSegment(parts[2]);
  signature[10] ^= 1;
  std::string flipped = parts[0] + "." + parts[1] + "." + Base64UrlEncode(signature);
  CHECK_FALSE(VerifyCompactJws(*ParseCompactJws(flipped), key.public_key()).ok());

  const SigningKey& ec = SharedEcKey();
  std::vector<std::string> ec_parts = SplitToken(*SignCompactJws(ec, "{}"));
  std::string short_signature = DecodeSegment(ec_parts[2]).substr(1);
  CHECK_FALSE(VerifyCompactJws(*ParseCompactJws(ec_parts[0] + "." + ec_parts[1] + "." +
                                                Base64UrlEncode(short_signature)),
                               ec.public_key())
                   .ok());
}

TEST_CASE("alg none, HMAC and mismatched algorithms are refused", "[serviceaccount]") {
  const SigningKey& rsa = SharedRsaKey();
  std::string token = *SignCompactJws(rsa, "{}");

  absl::Status none = VerifyCompactJws(*ParseCompactJws(WithHeader(token, R"({"alg":"none"})")),
                                       rsa.public_key());
  CHECK(none.message() == "unsupported JWS algorithm \"none\"");
  std::vector<std::string> parts = SplitToken(WithHeader(token, R"({"alg":"none"})"));
  CHECK_FALSE(
      VerifyCompactJws(*ParseCompactJws(parts[0] + "." + parts[1] + "."), rsa.public_key()).ok());

  CHECK_FALSE(VerifyCompactJws(*ParseCompactJws(WithHeader(token, R"({"alg":"HS256"})")),
                               rsa.public_key())
                  .ok());
  absl::Status mismatch = VerifyCompactJws(
      *ParseCompactJws(WithHeader(token, R"({"alg":"ES256"})")), rsa.public_key());
  CHECK(mismatch.message() == "JWS algorithm ES256 does not match the key's algorithm RS256");
  CHECK_FALSE(VerifyCompactJws(*ParseCompactJws(WithHeader(token, R"({"alg":"RS256","crit":["x"]})")),
                               rsa.public_key())
                  .ok());
}

TEST_CASE("malformed compact tokens are refused with the reason", "[serviceaccount]") {
  std::string token = *SignCompactJws(SharedEcKey(), "{}");
  std::vector<std::string> parts = SplitToken(token);
  auto message = [](const std::string& text) {
    absl::StatusOr<CompactJws> jws = ParseCompactJws(text);
    REQUIRE_FALSE(jws.ok());
    return std::string(jws.status().message());
  };
  CHECK(message(parts[0] + "." + parts[1]) == "compact JWS format must have three parts");
  CHECK(message(token + ".x") == "compact JWS format must have three parts");
  CHECK(message(parts[0] + "=." + parts[1] + "." + parts[2]) ==
        "JWS header: base64url segment has padding");
  CHECK(message(parts[0] + "." + parts[1] + "+/." + parts[2]) ==
        "JWS payload: segment is not base64url");
  CHECK(message(Base64UrlEncode("[1]") + "." + parts[1] + "." + parts[2]) ==
        "JWS header is not a JSON object");
  CHECK(message(Base64UrlEncode(R"({"alg":5})") + "." + parts[1] + "." + parts[2]) ==
        "JWS header \"alg\" is not a string");
}

TEST_CASE("key sets try the keys with the token's kid, or all without one", "[serviceaccount]") {
  const SigningKey& rsa = SharedRsaKey();
  const SigningKey& ec = SharedEcKey();
  std::vector<PublicKey> keys;
  keys.push_back(*PublicKey::FromEvpPkey(ec.evp_pkey()));
  keys.push_back(*PublicKey::FromEvpPkey(rsa.evp_pkey()));
  PublicKeySet set(std::move(keys));

  std::string token = *SignCompactJws(rsa, "{}");
  absl::StatusOr<const PublicKey*> by_kid = VerifyWithKeySet(*ParseCompactJws(token), set);
  REQUIRE(by_kid.ok());
  CHECK((*by_kid)->key_id() == rsa.key_id());

  // Without a kid every key is tried; the EC key fails first, the RSA key succeeds.
  std::string unnamed_input = Base64UrlEncode(R"({"alg":"RS256"})") + "." + Base64UrlEncode("{}");
  std::string unnamed = unnamed_input + "." + Base64UrlEncode(*SignJwsInput(rsa, unnamed_input));
  absl::StatusOr<const PublicKey*> without_kid = VerifyWithKeySet(*ParseCompactJws(unnamed), set);
  REQUIRE(without_kid.ok());
  CHECK((*without_kid)->key_id() == rsa.key_id());

  SigningKey stranger = MakeSigningKey(GenerateRsaKey());
  absl::StatusOr<const PublicKey*> unknown =
      VerifyWithKeySet(*ParseCompactJws(*SignCompactJws(stranger, "{}")), set);
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.status().message() == "invalid signature, no keys found");

  // A stranger's token that claims a known kid fails on the signature.
  std::string forged = WithHeader(*SignCompactJws(stranger, "{}"),
                                  R"({"alg":"RS256","kid":")" + rsa.key_id() + R"("})");
  absl::StatusOr<const PublicKey*> wrong = VerifyWithKeySet(*ParseCompactJws(forged), set);
  REQUIRE_FALSE(wrong.ok());
  CHECK(wrong.status().message() == "signature does not verify");

  absl::StatusOr<const PublicKey*> none_match =
      VerifyWithKeySet(*ParseCompactJws(WithHeader(forged, R"({"alg":"RS256"})")), set);
  REQUIRE_FALSE(none_match.ok());
  CHECK(none_match.status().message() ==
        "[JWS algorithm RS256 does not match the key's algorithm ES256, signature does not "
        "verify]");
}

TEST_CASE("the openssl command line verifies our RS256 and ES256 signatures",
          "[serviceaccount]") {
  ScratchDir dir;
  for (const SigningKey* key : {&SharedRsaKey(), &SharedEcKey()}) {
    std::vector<std::string> parts = SplitToken(*SignCompactJws(*key, R"({"aud":["x"]})"));
    std::string signature = DecodeSegment(parts[2]);
    if (key->algorithm() == SigningAlgorithm::kES256) signature = RawEcSignatureToDer(signature);
    std::string pub = dir.Write("pub.pem", PublicKeyPem(key->evp_pkey()));
    std::string input = dir.Write("input.txt", parts[0] + "." + parts[1]);
    std::string sig = dir.Write("sig.der", signature);
    auto [status, output] =
        RunCommand("openssl dgst -sha256 -verify " + pub + " -signature " + sig + " " + input);
    CHECK(status == 0);
    CHECK(output.find("Verified OK") != std::string::npos);
  }
}

TEST_CASE("we verify a signature the openssl command line made", "[serviceaccount]") {
  ScratchDir dir;
  SigningKey key = MakeSigningKey(GenerateRsaKey());
  std::string key_file = dir.Write("key.pem", PrivateKeyPem(key.evp_pkey()));
  std::string signing_input = Base64UrlEncode(R"({"alg":"RS256"})") + "." +
                              Base64UrlEncode(R"({"iss":"cli"})");
  std::string input = dir.Write("input.txt", signing_input);
  auto [status, output] = RunCommand("openssl dgst -sha256 -sign " + key_file + " -out " +
                                     dir.Path("sig.bin") + " " + input);
  REQUIRE(status == 0);
  std::string token = signing_input + "." + Base64UrlEncode(dir.Read("sig.bin"));
  absl::StatusOr<CompactJws> jws = ParseCompactJws(token);
  REQUIRE(jws.ok());
  CHECK(VerifyCompactJws(*jws, key.public_key()).ok());
}

}  // namespace
}  // namespace kube::serviceaccount
