// PEM parsing and encoding, with keys in the forms OpenSSL's command line writes.

#include "common/tls/pem.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "common/tls/testing_pki.h"
#include "tests/support/subprocess.h"

namespace kube::tls {
namespace {

using kube::testing::RunCommand;
using kube::testing::TempDir;

// The output of an openssl command (which must succeed).
std::string OpenSsl(const std::vector<std::string>& arguments, const std::string& input = "") {
  std::vector<std::string> argv = {"openssl"};
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  auto result = RunCommand(argv, input, absl::Seconds(20));
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  return result.out;
}

bool HoldsPrivateKey(EVP_PKEY* key) { return !PrivateKeyToPem(key).ok(); }

TEST_CASE("certificates: every CERTIFICATE block in order, other blocks skipped") {
  auto ca = testing::MakeCa("first");
  auto second = testing::MakeCa("second");
  auto key_pem = PrivateKeyToPem(ca.key.get());
  REQUIRE(key_pem.ok());
  auto certificates = ParseCertificates("leading text\n" + ca.pem + *key_pem + second.pem);
  REQUIRE(certificates.ok());
  REQUIRE(certificates->size() == 2);
  CHECK(X509_cmp((*certificates)[0].get(), ca.certificate.get()) == 0);
  CHECK(X509_cmp((*certificates)[1].get(), second.certificate.get()) == 0);

  auto pem = CertificateToPem((*certificates)[1].get());
  REQUIRE(pem.ok());
  CHECK(*pem == second.pem);
}

TEST_CASE("certificates: none, or a malformed block, is InvalidArgument") {
  CHECK(ParseCertificates("").status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(ParseCertificates("not PEM at all").status().message() == "no PEM-encoded certificate found");
  auto ca = testing::MakeCa();
  auto key_only = PrivateKeyToPem(ca.key.get());
  CHECK(ParseCertificates(*key_only).status().code() == absl::StatusCode::kInvalidArgument);

  std::string truncated = ca.pem.substr(0, ca.pem.size() / 2);
  CHECK_THAT(std::string(ParseCertificates(truncated).status().message()),
             Catch::StartsWith("malformed PEM data"));
  std::string garbage = "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n";
  CHECK_THAT(std::string(ParseCertificates(garbage).status().message()),
             Catch::StartsWith("malformed CERTIFICATE block"));
}

TEST_CASE("private keys: PKCS#8, RSA and EC forms, encrypted ones refused") {
  std::string pkcs8_ec = OpenSsl({"genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"});
  std::string traditional_ec = OpenSsl({"ecparam", "-name", "prime256v1", "-genkey"});
  std::string traditional_rsa = OpenSsl({"genrsa", "-traditional", "2048"});
  REQUIRE_THAT(pkcs8_ec, Catch::Contains("BEGIN PRIVATE KEY"));
  REQUIRE_THAT(traditional_ec, Catch::Contains("BEGIN EC PARAMETERS") && Catch::Contains("BEGIN EC PRIVATE KEY"));
  REQUIRE_THAT(traditional_rsa, Catch::Contains("BEGIN RSA PRIVATE KEY"));

  for (const std::string& pem : {pkcs8_ec, traditional_ec, traditional_rsa}) {
    auto key = ParsePrivateKey(pem);
    REQUIRE(key.ok());
    auto written = PrivateKeyToPem(key->get());
    REQUIRE(written.ok());
    CHECK_THAT(*written, Catch::StartsWith("-----BEGIN PRIVATE KEY-----"));
    auto reread = ParsePrivateKey(*written);
    REQUIRE(reread.ok());
    CHECK(EVP_PKEY_eq(key->get(), reread->get()) == 1);
  }

  std::string encrypted = OpenSsl({"genpkey", "-algorithm", "EC", "-pkeyopt",
                                   "ec_paramgen_curve:P-256", "-aes256", "-pass", "pass:secret"});
  auto refused = ParsePrivateKey(encrypted);
  CHECK(refused.status().message() == "encrypted private keys are not supported");
  CHECK(ParsePrivateKey(testing::MakeCa().pem).status().message() == "no PEM-encoded private key found");
}

TEST_CASE("public keys: from every kind of block, without private material") {
  TempDir dir;
  std::string rsa_private = OpenSsl({"genrsa", "-traditional", "2048"});
  kube::testing::WriteFile(dir.path() + "/rsa.key", rsa_private);
  std::string spki = OpenSsl({"pkey", "-in", dir.path() + "/rsa.key", "-pubout"});
  std::string pkcs1 = OpenSsl({"rsa", "-in", dir.path() + "/rsa.key", "-RSAPublicKey_out"});
  REQUIRE_THAT(spki, Catch::Contains("BEGIN PUBLIC KEY"));
  REQUIRE_THAT(pkcs1, Catch::Contains("BEGIN RSA PUBLIC KEY"));
  std::string ec_private = OpenSsl({"ecparam", "-name", "prime256v1", "-genkey"});
  auto ca = testing::MakeCa();

  auto keys = ParsePublicKeys(spki + pkcs1 + rsa_private + ec_private + ca.pem);
  REQUIRE(keys.ok());
  REQUIRE(keys->size() == 5);  // the EC PARAMETERS block is skipped
  auto rsa = ParsePrivateKey(rsa_private);
  auto ec = ParsePrivateKey(ec_private);
  REQUIRE(rsa.ok());
  REQUIRE(ec.ok());
  for (int i : {0, 1, 2}) CHECK(EVP_PKEY_eq((*keys)[i].get(), rsa->get()) == 1);
  CHECK(EVP_PKEY_eq((*keys)[3].get(), ec->get()) == 1);
  CHECK(EVP_PKEY_eq((*keys)[4].get(), ca.key.get()) == 1);
  for (const EvpPkeyPtr& key : *keys) CHECK(HoldsPrivateKey(key.get()));

  auto pem = PublicKeyToPem(rsa->get());
  REQUIRE(pem.ok());
  CHECK(*pem == spki);

  CHECK(ParsePublicKeys("-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n")
            .status()
            .message() == "no PEM-encoded public key found");
}

TEST_CASE("ReadFileToString names the file in its errors") {
  TempDir dir;
  std::string path = dir.path() + "/ca.crt";
  auto missing = ReadFileToString(path);
  CHECK(missing.status().code() == absl::StatusCode::kNotFound);
  CHECK(missing.status().message() == "open " + path + ": no such file or directory");

  kube::testing::WriteFile(path, "content");
  auto read = ReadFileToString(path);
  REQUIRE(read.ok());
  CHECK(*read == "content");

  CHECK_FALSE(ReadFileToString(dir.path()).ok());  // a directory
  if (geteuid() != 0) {  // root reads anything
    chmod(path.c_str(), 0);
    CHECK(ReadFileToString(path).status().code() == absl::StatusCode::kPermissionDenied);
  }
}

}  // namespace
}  // namespace kube::tls
