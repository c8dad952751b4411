#include <catch2/catch.hpp>

#include "common/pki/certificate_authority.h"
#include "common/pki/certificate_info.h"
#include "common/pki/certificate_request.h"
#include "common/pki/pki_files.h"
#include "common/tls/pem.h"
#include "common/pki/keys.h"
#include "common/pki/testing_ca.h"

namespace kube::pki {
namespace {

TEST_CASE("a certificate request round-trips its subject and names, and a signer issues it") {
  auto key = GenerateKey(KeyType::kEcdsaP256);
  REQUIRE(key.ok());
  CertificateSpec spec;
  spec.common_name = "system:node:node1";
  spec.organizations = {"system:nodes"};
  spec.dns_names = {"node1"};
  spec.ip_addresses = {"172.30.0.11"};
  absl::StatusOr<std::string> pem = CreateCertificateRequest(spec, key->get());
  REQUIRE(pem.ok());
  CHECK(pem->find("-----BEGIN CERTIFICATE REQUEST-----") == 0);

  absl::StatusOr<CertificateRequestInfo> parsed = ParseCertificateRequest(*pem);
  REQUIRE(parsed.ok());
  CHECK(parsed->common_name == "system:node:node1");
  CHECK(parsed->organizations == std::vector<std::string>{"system:nodes"});
  CHECK(parsed->dns_names == std::vector<std::string>{"node1"});
  CHECK(parsed->ip_addresses == std::vector<std::string>{"172.30.0.11"});
  CHECK(SamePublicKey(parsed->public_key.get(), key->get()));

  // A CA issues the certificate for the request's key.
  auto ca = testing::MakeCa();
  CertificateSpec issued_spec = spec;
  issued_spec.client_auth = true;
  absl::StatusOr<tls::X509Ptr> issued =
      IssueCertificate(issued_spec, parsed->public_key.get(), ca.certificate.get(), ca.key.get());
  REQUIRE(issued.ok());
  CHECK(IsIssuedBy(issued->get(), ca.certificate.get()));
  CHECK(DescribeCertificate(issued->get()).common_name == "system:node:node1");
  absl::StatusOr<std::string> certificate = tls::CertificateToPem(issued->get());
  REQUIRE(certificate.ok());
  CHECK(certificate->find("-----BEGIN CERTIFICATE-----") == 0);
}

TEST_CASE("a certificate request that is not one, or whose signature is broken, is refused") {
  CHECK(ParseCertificateRequest("hello").status().message() ==
        "PEM block type must be CERTIFICATE REQUEST");
  CHECK_FALSE(ParseCertificateRequest("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n"
                                      "-----END CERTIFICATE REQUEST-----\n")
                  .ok());
  auto key = GenerateKey(KeyType::kEcdsaP256);
  REQUIRE(key.ok());
  CertificateSpec spec;
  spec.common_name = "someone";
  absl::StatusOr<std::string> pem = CreateCertificateRequest(spec, key->get());
  REQUIRE(pem.ok());
  // Flip one character inside the base64 body: the signature no longer verifies
  // (or the DER no longer parses).
  std::string tampered = *pem;
  size_t at = tampered.find('\n') + 40;
  tampered[at] = tampered[at] == 'A' ? 'B' : 'A';
  CHECK_FALSE(ParseCertificateRequest(tampered).ok());
}

TEST_CASE("the CA pin is kubeadm's: sha256 of the DER public key, as openssl computes it") {
  auto ca = testing::MakeCa();
  kube::testing::TempDir dir;
  const std::string path = dir.path() + "/ca.crt";
  REQUIRE(WriteCertificateFile(path, ca.certificate.get()).ok());
  kube::testing::CommandResult expected = kube::testing::RunCommand(
      {"sh", "-c",
       "openssl x509 -pubkey -noout -in " + path +
           " | openssl pkey -pubin -outform der | sha256sum | cut -d' ' -f1"});
  REQUIRE(expected.exit_code == 0);
  std::string hex = expected.out.substr(0, expected.out.find('\n'));
  REQUIRE(hex.size() == 64);
  CHECK(PublicKeyPin(ca.certificate.get()) == "sha256:" + hex);
}

}  // namespace
}  // namespace kube::pki
