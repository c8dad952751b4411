#include "apiserver/serviceaccount/oidc_discovery.h"

#include <catch2/catch.hpp>

#include <rapidjson/document.h>

#include "absl/strings/escaping.h"
#include "apiserver/serviceaccount/jwt.h"
#include "apiserver/serviceaccount/test_keys.h"

namespace kube::serviceaccount {
namespace {

using testing::PublicKeyPem;
using testing::RunCommand;
using testing::ScratchDir;
using testing::SharedEcKey;
using testing::SharedRsaKey;

constexpr char kDiscoveryIssuer[] = "https://kubernetes.default.svc.cluster.local";

std::shared_ptr<PublicKeySet> RsaAndEcKeys() {
  std::vector<PublicKey> keys;
  keys.push_back(*PublicKey::FromEvpPkey(SharedRsaKey().evp_pkey()));
  keys.push_back(*PublicKey::FromEvpPkey(SharedEcKey().evp_pkey()));
  return std::make_shared<PublicKeySet>(std::move(keys));
}

// Hex digits (any separators ignored) as base64url.
std::string HexToBase64Url(const std::string& text) {
  std::string hex;
  for (char c : text) {
    if (std::isxdigit(static_cast<unsigned char>(c))) hex += c;
  }
  return Base64UrlEncode(absl::HexStringToBytes(hex));
}

// The modulus the openssl command line prints for a public key file.
std::string CliModulus(const std::string& pub_file) {
  auto [status, output] = RunCommand("openssl rsa -pubin -in " + pub_file + " -modulus -noout");
  REQUIRE(status == 0);
  std::string hex = output.substr(output.find('=') + 1);
  // Upstream's "n" has no leading zero byte.
  while (hex.size() > 2 && hex.substr(0, 2) == "00") hex = hex.substr(2);
  return HexToBase64Url(hex);
}

// The uncompressed point (04 || x || y) the openssl command line prints.
std::pair<std::string, std::string> CliPoint(const std::string& pub_file) {
  auto [status, output] = RunCommand("openssl ec -pubin -in " + pub_file + " -text -noout");
  REQUIRE(status == 0);
  size_t start = output.find("pub:");
  size_t end = output.find("ASN1 OID");
  REQUIRE(start != std::string::npos);
  std::string hex;
  for (char c : output.substr(start + 4, end - start - 4)) {
    if (std::isxdigit(static_cast<unsigned char>(c))) hex += c;
  }
  REQUIRE(hex.size() == 130);
  REQUIRE(hex.substr(0, 2) == "04");
  return {HexToBase64Url(hex.substr(2, 64)), HexToBase64Url(hex.substr(66, 64))};
}

TEST_CASE("the discovery document lists the keys' algorithms", "[serviceaccount]") {
  absl::StatusOr<OidcDiscovery> discovery =
      OidcDiscovery::Create(kDiscoveryIssuer, "", "10.0.0.1:6443", *RsaAndEcKeys());
  REQUIRE(discovery.ok());
  CHECK(discovery->jwks_uri() == "https://10.0.0.1:6443/openid/v1/jwks");
  CHECK(discovery->configuration_json() ==
        R"({"issuer":"https://kubernetes.default.svc.cluster.local",)"
        R"("jwks_uri":"https://10.0.0.1:6443/openid/v1/jwks",)"
        R"("response_types_supported":["id_token"],"subject_types_supported":["public"],)"
        R"("id_token_signing_alg_values_supported":["ES256","RS256"]})");

  absl::StatusOr<OidcDiscovery> explicit_uri = OidcDiscovery::Create(
      kDiscoveryIssuer, "https://issuer.example/keys", "", *RsaAndEcKeys());
  REQUIRE(explicit_uri.ok());
  CHECK(explicit_uri->jwks_uri() == "https://issuer.example/keys");
}

TEST_CASE("the JWKS matches the openssl command line's view of the keys", "[serviceaccount]") {
  ScratchDir dir;
  const SigningKey& rsa = SharedRsaKey();
  const SigningKey& ec = SharedEcKey();
  std::string rsa_pub = dir.Write("rsa.pub", PublicKeyPem(rsa.evp_pkey()));
  std::string ec_pub = dir.Write("ec.pub", PublicKeyPem(ec.evp_pkey()));
  auto [x, y] = CliPoint(ec_pub);

  absl::StatusOr<std::string> jwks = JwksJson(*RsaAndEcKeys());
  REQUIRE(jwks.ok());
  CHECK(*jwks == R"({"keys":[{"use":"sig","kty":"RSA","kid":")" + rsa.key_id() +
                     R"(","alg":"RS256","n":")" + CliModulus(rsa_pub) +
                     R"(","e":"AQAB"},{"use":"sig","kty":"EC","kid":")" + ec.key_id() +
                     R"(","crv":"P-256","alg":"ES256","x":")" + x + R"(","y":")" + y + R"("}]})");

  // The kid is the command line's SHA-256 of the SubjectPublicKeyInfo.
  auto [status, digest] =
      RunCommand("openssl pkey -pubin -in " + rsa_pub + " -outform DER | openssl dgst -sha256 -binary");
  REQUIRE(status == 0);
  CHECK(Base64UrlEncode(digest) == rsa.key_id());
}

TEST_CASE("EC coordinates keep their full width", "[serviceaccount]") {
  for (auto [curve, chars] : {std::pair{"P-384", 64u}, std::pair{"P-521", 88u}}) {
    std::vector<PublicKey> keys;
    keys.push_back(*PublicKey::FromEvpPkey(testing::GenerateEcKey(curve).get()));
    rapidjson::Document document;
    std::string jwks = *JwksJson(PublicKeySet(std::move(keys)));
    document.Parse(jwks.c_str());
    const rapidjson::Value& key = document["keys"][0];
    CHECK(std::string(key["crv"].GetString()) == (std::string(curve) == "P-384" ? "P-384" : "P-521"));
    CHECK(std::string(key["x"].GetString()).size() == chars);
    CHECK(std::string(key["y"].GetString()).size() == chars);
  }
}

TEST_CASE("discovery refuses issuers and JWKS URIs upstream refuses", "[serviceaccount]") {
  auto message = [](std::string_view issuer, std::string_view jwks_uri,
                    std::string_view address) {
    absl::StatusOr<OidcDiscovery> discovery =
        OidcDiscovery::Create(issuer, jwks_uri, address, *RsaAndEcKeys());
    REQUIRE_FALSE(discovery.ok());
    return std::string(discovery.status().message());
  };
  CHECK(message("", "", "a:1") == "empty issuer URL");
  CHECK(message("http://issuer", "", "a:1") == "issuer URL must use https scheme, got: http://issuer");
  CHECK(message("https://issuer?x=1", "", "a:1") ==
        "issuer URL may not include a query, got: https://issuer?x=1");
  CHECK(message("https://issuer#top", "", "a:1") ==
        "issuer URL may not include a fragment, got: https://issuer#top");
  CHECK(message(kDiscoveryIssuer, "", "") ==
        "either the JWKS URI or the default external address, or both, must be set");
  CHECK(message(kDiscoveryIssuer, "http://keys", "") ==
        "jwksURI requires https scheme, parsed as: http://keys");
  CHECK(OidcDiscovery::Create("HTTPS://issuer", "", "a:1", *RsaAndEcKeys()).ok());

  absl::StatusOr<OidcDiscovery> no_keys =
      OidcDiscovery::Create(kDiscoveryIssuer, "", "a:1", PublicKeySet({}));
  REQUIRE_FALSE(no_keys.ok());
  CHECK(no_keys.status().message() == "no keys provided for validating keyset");
}

}  // namespace
}  // namespace kube::serviceaccount
