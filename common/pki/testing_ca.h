#pragma once

// Test helpers for kube_pki_test. Header-only; not part of kube_pki.

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "common/pki/certificate_authority.h"
#include "common/pki/keys.h"
#include "common/pki/pki_files.h"
#include "tests/support/subprocess.h"

namespace kube::pki::testing {

struct Ca {
  tls::X509Ptr certificate;
  tls::EvpPkeyPtr key;
};

inline Ca MakeCa(const std::string& common_name = "kube-ca@1", KeyType type = KeyType::kEcdsaP256) {
  auto key = GenerateKey(type);
  REQUIRE(key.ok());
  CertificateSpec spec;
  spec.common_name = common_name;
  spec.validity = absl::Hours(24 * 3650);
  auto certificate = SelfSignedCa(spec, key->get());
  REQUIRE(certificate.ok());
  return {std::move(*certificate), std::move(*key)};
}

inline tls::X509Ptr IssueFor(const Ca& ca, const CertificateSpec& spec, EVP_PKEY* key) {
  auto certificate = IssueCertificate(spec, key, ca.certificate.get(), ca.key.get());
  REQUIRE(certificate.ok());
  return std::move(*certificate);
}

// The result of `openssl <arguments>`.
inline kube::testing::CommandResult OpenSsl(const std::vector<std::string>& arguments) {
  std::vector<std::string> argv = {"openssl"};
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  return kube::testing::RunCommand(argv, "", absl::Seconds(20));
}

}  // namespace kube::pki::testing
