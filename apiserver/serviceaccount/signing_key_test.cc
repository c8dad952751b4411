#include "apiserver/serviceaccount/signing_key.h"

#include <catch2/catch.hpp>

#include "apiserver/serviceaccount/jwt.h"
#include "apiserver/serviceaccount/test_keys.h"

namespace kube::serviceaccount {
namespace {

using testing::CertificatePem;
using testing::GenerateEcKey;
using testing::GenerateRsaKey;
using testing::PrivateKeyPem;
using testing::PublicKeyPem;
using testing::RsaPublicKeyPem;
using testing::RunCommand;
using testing::ScratchDir;

// The key id as the openssl command line computes it: base64url(SHA-256(DER SPKI)).
std::string CliKeyId(const ScratchDir& dir, const std::string& key_file) {
  auto [status, digest] = RunCommand("openssl pkey -in " + key_file +
                                     " -pubout -outform DER | openssl dgst -sha256 -binary");
  REQUIRE(status == 0);
  REQUIRE(digest.size() == 32);
  return Base64UrlEncode(digest);
}

TEST_CASE("signing keys load from every private-key PEM form", "[serviceaccount]") {
  EvpPkeyPtr rsa = GenerateRsaKey();
  EvpPkeyPtr ec = GenerateEcKey("P-256");
  for (const std::string& pem :
       {PrivateKeyPem(rsa.get()), PrivateKeyPem(rsa.get(), /*traditional=*/true)}) {
    absl::StatusOr<SigningKey> key = SigningKey::FromPem(pem);
    REQUIRE(key.ok());
    CHECK(key->algorithm() == SigningAlgorithm::kRS256);
  }
  for (const std::string& pem :
       {PrivateKeyPem(ec.get()), PrivateKeyPem(ec.get(), /*traditional=*/true)}) {
    absl::StatusOr<SigningKey> key = SigningKey::FromPem(pem);
    REQUIRE(key.ok());
    CHECK(key->algorithm() == SigningAlgorithm::kES256);
  }
}

TEST_CASE("signing keys pick the ES algorithm from the curve", "[serviceaccount]") {
  CHECK(SigningKey::FromEvpPkey(GenerateEcKey("P-384"))->algorithm() == SigningAlgorithm::kES384);
  CHECK(SigningKey::FromEvpPkey(GenerateEcKey("P-521"))->algorithm() == SigningAlgorithm::kES512);
  absl::StatusOr<SigningKey> p224 = SigningKey::FromEvpPkey(GenerateEcKey("P-224"));
  REQUIRE_FALSE(p224.ok());
  CHECK(std::string(p224.status().message()).find("must be 256, 384, or 521") !=
        std::string::npos);
}

TEST_CASE("signing keys skip non-key blocks and reject text without a key", "[serviceaccount]") {
  EvpPkeyPtr ec = GenerateEcKey("P-256");
  std::string with_parameters =
      "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n" +
      PrivateKeyPem(ec.get(), /*traditional=*/true);
  CHECK(SigningKey::FromPem(with_parameters).ok());

  absl::StatusOr<SigningKey> none = SigningKey::FromPem(PublicKeyPem(ec.get()));
  REQUIRE_FALSE(none.ok());
  CHECK(none.status().message() == "data does not contain a valid RSA or ECDSA private key");
  CHECK_FALSE(SigningKey::FromPem("not pem at all").ok());
}

TEST_CASE("signing key files name the file in errors", "[serviceaccount]") {
  ScratchDir dir;
  std::string good = dir.Write("sa.key", PrivateKeyPem(GenerateRsaKey().get()));
  CHECK(SigningKey::FromFile(good).ok());
  std::string bad = dir.Write("bad.key", "nothing");
  absl::StatusOr<SigningKey> key = SigningKey::FromFile(bad);
  REQUIRE_FALSE(key.ok());
  CHECK(std::string(key.status().message()).find(bad) != std::string::npos);
  CHECK_FALSE(SigningKey::FromFile(dir.Path("missing.key")).ok());
}

TEST_CASE("public keys come from every block that holds one", "[serviceaccount]") {
  EvpPkeyPtr rsa = GenerateRsaKey();
  EvpPkeyPtr ec = GenerateEcKey("P-256");
  EvpPkeyPtr other = GenerateRsaKey();
  EvpPkeyPtr cert_key = GenerateEcKey("P-384");
  std::string pem = "leading text\n" + PublicKeyPem(rsa.get()) + RsaPublicKeyPem(other.get()) +
                    PrivateKeyPem(ec.get(), /*traditional=*/true) +
                    "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n" +
                    CertificatePem(cert_key.get());
  absl::StatusOr<std::vector<PublicKey>> keys = ParsePublicKeysPem(pem);
  REQUIRE(keys.ok());
  REQUIRE(keys->size() == 4);
  CHECK((*keys)[0].key_id() == SigningKey::FromEvpPkey(std::move(rsa))->key_id());
  CHECK((*keys)[1].key_id() == SigningKey::FromEvpPkey(std::move(other))->key_id());
  CHECK((*keys)[2].key_id() == SigningKey::FromEvpPkey(std::move(ec))->key_id());
  CHECK((*keys)[2].algorithm() == SigningAlgorithm::kES256);
  CHECK((*keys)[3].key_id() == SigningKey::FromEvpPkey(std::move(cert_key))->key_id());
  CHECK((*keys)[3].algorithm() == SigningAlgorithm::kES384);

  absl::StatusOr<std::vector<PublicKey>> none = ParsePublicKeysPem("no keys here");
  REQUIRE_FALSE(none.ok());
  CHECK(none.status().message() == "data does not contain any valid RSA or ECDSA public keys");
}

TEST_CASE("public key files are read in order", "[serviceaccount]") {
  ScratchDir dir;
  EvpPkeyPtr first = GenerateEcKey("P-256");
  EvpPkeyPtr second = GenerateRsaKey();
  std::string a = dir.Write("a.pub", PublicKeyPem(first.get()));
  std::string b = dir.Write("b.pem", PrivateKeyPem(second.get()));
  absl::StatusOr<std::vector<PublicKey>> keys = ReadPublicKeyFiles({a, b});
  REQUIRE(keys.ok());
  REQUIRE(keys->size() == 2);
  CHECK((*keys)[0].algorithm() == SigningAlgorithm::kES256);
  CHECK((*keys)[1].algorithm() == SigningAlgorithm::kRS256);

  std::string empty = dir.Write("empty.pub", "");
  absl::StatusOr<std::vector<PublicKey>> failed = ReadPublicKeyFiles({a, empty});
  REQUIRE_FALSE(failed.ok());
  CHECK(std::string(failed.status().message()) ==
        "error reading public key file " + empty +
            ": data does not contain any valid RSA or ECDSA public keys");
}

TEST_CASE("key ids equal the openssl command line's SPKI SHA-256", "[serviceaccount]") {
  ScratchDir dir;
  EvpPkeyPtr rsa = GenerateRsaKey();
  EvpPkeyPtr ec = GenerateEcKey("P-256");
  std::string rsa_file = dir.Write("rsa.pem", PrivateKeyPem(rsa.get()));
  std::string ec_file = dir.Write("ec.pem", PrivateKeyPem(ec.get(), /*traditional=*/true));
  SigningKey rsa_key = *SigningKey::FromEvpPkey(std::move(rsa));
  SigningKey ec_key = *SigningKey::FromEvpPkey(std::move(ec));
  CHECK(rsa_key.key_id() == CliKeyId(dir, rsa_file));
  CHECK(ec_key.key_id() == CliKeyId(dir, ec_file));
  CHECK(rsa_key.key_id().size() == 43);  // 32 bytes, unpadded
}

TEST_CASE("EC keys with explicit parameters get the named-curve key id", "[serviceaccount]") {
  ScratchDir dir;
  EvpPkeyPtr ec = GenerateEcKey("P-256");
  std::string named = dir.Write("named.pem", PrivateKeyPem(ec.get(), /*traditional=*/true));
  auto [status, explicit_pem] = RunCommand("openssl ec -in " + named +
                                           " -param_enc explicit -conv_form compressed");
  REQUIRE(status == 0);
  REQUIRE(explicit_pem.find("EC PRIVATE KEY") != std::string::npos);
  absl::StatusOr<SigningKey> from_explicit = SigningKey::FromPem(explicit_pem);
  REQUIRE(from_explicit.ok());
  CHECK(from_explicit->key_id() == CliKeyId(dir, named));
}

TEST_CASE("keys of other types are refused", "[serviceaccount]") {
  EvpPkeyPtr ed25519(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  REQUIRE(ed25519);
  CHECK_FALSE(SigningKey::FromPem(PrivateKeyPem(ed25519.get())).ok());
  CHECK_FALSE(ParsePublicKeysPem(PublicKeyPem(ed25519.get())).ok());
  CHECK_FALSE(SigningKey::FromEvpPkey(nullptr).ok());
}

TEST_CASE("a public key cannot serve as a signing key", "[serviceaccount]") {
  EvpPkeyPtr rsa = GenerateRsaKey();
  std::string pem = PublicKeyPem(rsa.get());
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  EvpPkeyPtr public_only(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
  REQUIRE(public_only);
  CHECK_FALSE(SigningKey::FromEvpPkey(std::move(public_only)).ok());
}

}  // namespace
}  // namespace kube::serviceaccount
