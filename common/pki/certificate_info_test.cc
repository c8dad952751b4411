#include "common/pki/certificate_info.h"

#include <catch2/catch.hpp>

#include "common/pki/subject_alt_names.h"
#include "common/pki/testing_ca.h"

namespace kube::pki {
namespace {

CertificateSpec NodeSpec() {
  CertificateSpec spec;
  spec.common_name = "system:node:node1";
  spec.organizations = {"system:nodes"};
  spec.dns_names = {"node1", "node1.local"};
  spec.ip_addresses = {"172.30.0.11", "fd00::11"};
  spec.client_auth = true;
  spec.server_auth = true;
  spec.validity = absl::Hours(24 * 365);
  return spec;
}

TEST_CASE("DescribeCertificate reads back what was asked") {
  auto ca = testing::MakeCa();
  auto key = GenerateKey(KeyType::kEcdsaP256);
  REQUIRE(key.ok());
  auto certificate = testing::IssueFor(ca, NodeSpec(), key->get());
  CertificateInfo info = DescribeCertificate(certificate.get());
  CHECK(info.common_name == "system:node:node1");
  CHECK(info.organizations == std::vector<std::string>{"system:nodes"});
  CHECK(info.dns_names == std::vector<std::string>{"node1", "node1.local"});
  CHECK(info.ip_addresses == std::vector<std::string>{"172.30.0.11", "fd00::11"});
  CHECK(info.client_auth);
  CHECK(info.server_auth);
  CHECK_FALSE(info.is_ca);
  CHECK(info.not_after - info.not_before > absl::Hours(24 * 365));
}

TEST_CASE("MatchesSpec: any change of subject, names or usage is a mismatch") {
  auto ca = testing::MakeCa();
  auto key = GenerateKey(KeyType::kEcdsaP256);
  REQUIRE(key.ok());
  auto certificate = testing::IssueFor(ca, NodeSpec(), key->get());
  CHECK(MatchesSpec(certificate.get(), NodeSpec()));

  CertificateSpec reordered = NodeSpec();
  std::reverse(reordered.dns_names.begin(), reordered.dns_names.end());
  reordered.ip_addresses = {"fd00:0::11", "172.30.0.11"};  // same addresses, other spelling
  reordered.validity = absl::Hours(1);                     // not compared
  CHECK(MatchesSpec(certificate.get(), reordered));

  std::vector<CertificateSpec> changed(7, NodeSpec());
  changed[0].common_name = "system:node:node2";
  changed[1].organizations.push_back("extra");
  changed[2].dns_names.pop_back();
  changed[3].ip_addresses.push_back("10.0.0.1");
  changed[4].server_auth = false;
  changed[5].is_ca = true;
  changed[6].ip_addresses = {"not an ip"};
  for (const CertificateSpec& spec : changed) CHECK_FALSE(MatchesSpec(certificate.get(), spec));
}

TEST_CASE("NeedsRenewal: expired or within the window") {
  auto ca = testing::MakeCa();
  auto key = GenerateKey(KeyType::kEcdsaP256);
  REQUIRE(key.ok());
  CertificateSpec spec = NodeSpec();
  auto year = testing::IssueFor(ca, spec, key->get());
  spec.validity = absl::Hours(24 * 30);
  auto month = testing::IssueFor(ca, spec, key->get());
  const absl::Duration window = absl::Hours(24 * 90);
  CHECK_FALSE(NeedsRenewal(year.get(), window));
  CHECK(NeedsRenewal(month.get(), window));
  CHECK(NeedsRenewal(year.get(), window, absl::Now() + absl::Hours(24 * 300)));
  CHECK(NeedsRenewal(year.get(), absl::ZeroDuration(), absl::Now() + absl::Hours(24 * 366)));
  CHECK_FALSE(NeedsRenewal(month.get(), absl::Hours(24)));
}

TEST_CASE("IsIssuedBy: the signing CA only, even against a namesake") {
  auto ca = testing::MakeCa("kube-ca");
  auto namesake = testing::MakeCa("kube-ca");  // same subject, other key
  auto key = GenerateKey(KeyType::kEcdsaP256);
  REQUIRE(key.ok());
  auto certificate = testing::IssueFor(ca, NodeSpec(), key->get());
  CHECK(IsIssuedBy(certificate.get(), ca.certificate.get()));
  CHECK_FALSE(IsIssuedBy(certificate.get(), namesake.certificate.get()));
  CHECK_FALSE(IsIssuedBy(ca.certificate.get(), namesake.certificate.get()));
}

TEST_CASE("subject alt names: canonical IPs, DNS names, and sorting user input") {
  CHECK(CanonicalIpAddress("10.96.0.1") == "10.96.0.1");
  CHECK(CanonicalIpAddress("0:0::1") == "::1");
  CHECK(CanonicalIpAddress("FD00::0011") == "fd00::11");
  CHECK_FALSE(CanonicalIpAddress("node1").has_value());
  CHECK_FALSE(CanonicalIpAddress("10.96.0.1/16").has_value());
  CHECK_FALSE(CanonicalIpAddress("").has_value());
  CHECK(IsDnsName("kubernetes.default.svc"));
  CHECK(IsDnsName("*.nodes.example"));
  CHECK_FALSE(IsDnsName("two words"));
  CHECK_FALSE(IsDnsName("a,DNS:b"));
  CHECK_FALSE(IsDnsName(""));

  std::vector<std::string> dns, ips;
  REQUIRE(SplitSubjectAltNames({"node1", "172.30.0.11", "fd00:0::1"}, dns, ips).ok());
  CHECK(dns == std::vector<std::string>{"node1"});
  CHECK(ips == std::vector<std::string>{"172.30.0.11", "fd00::1"});
  auto bad = SplitSubjectAltNames({"no good"}, dns, ips);
  CHECK(bad.message() == "\"no good\" is neither an IP address nor a DNS name");
}

}  // namespace
}  // namespace kube::pki
