// Certificates made here, checked by the tools other clients use: the openssl
// command line and Python's ssl module.

#include "common/pki/certificate_authority.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/bn.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <thread>

#include "common/pki/certificate_info.h"
#include "common/pki/testing_ca.h"
#include "common/tls/client_certificate.h"
#include "common/tls/pem.h"
#include "common/tls/server_context.h"
#include "common/tls/tls_connection.h"

namespace kube::pki {
namespace {

using kube::testing::TempDir;
using testing::OpenSsl;

CertificateSpec ApiserverSpec() {
  CertificateSpec spec;
  spec.common_name = "kube-apiserver";
  spec.dns_names = {"kubernetes", "kubernetes.default", "kubernetes.default.svc",
                    "kubernetes.default.svc.cluster.local", "localhost"};
  spec.ip_addresses = {"127.0.0.1", "10.96.0.1", "::1"};
  spec.server_auth = true;
  return spec;
}

CertificateSpec AdminSpec() {
  CertificateSpec spec;
  spec.common_name = "kubernetes-admin";
  spec.organizations = {"system:masters"};
  spec.client_auth = true;
  return spec;
}

std::string Write(const TempDir& dir, const std::string& name, X509* certificate) {
  std::string path = dir.path() + "/" + name;
  REQUIRE(WriteCertificateFile(path, certificate).ok());
  return path;
}

TEST_CASE("a self-signed CA is a CA and verifies as its own root") {
  TempDir dir;
  auto ca = testing::MakeCa("kube-ca@1700000000");
  CertificateInfo info = DescribeCertificate(ca.certificate.get());
  CHECK(info.is_ca);
  CHECK(info.common_name == "kube-ca@1700000000");
  CHECK_FALSE(info.server_auth);
  CHECK_FALSE(info.client_auth);
  CHECK(IsIssuedBy(ca.certificate.get(), ca.certificate.get()));

  std::string path = Write(dir, "ca.crt", ca.certificate.get());
  auto text = OpenSsl({"x509", "-noout", "-text", "-in", path});
  REQUIRE(text.exit_code == 0);
  CHECK_THAT(text.out, Catch::Contains("CA:TRUE"));
  CHECK_THAT(text.out, Catch::Contains("Certificate Sign, CRL Sign"));
  CHECK_THAT(text.out, Catch::Contains("X509v3 Subject Key Identifier"));
  CHECK_THAT(text.out, Catch::Contains("X509v3 Authority Key Identifier"));
  CHECK_THAT(text.out, Catch::Contains("ecdsa-with-SHA256"));
  CHECK(OpenSsl({"verify", "-CAfile", path, path}).exit_code == 0);
}

TEST_CASE("issued certificates pass openssl verify for their purpose only") {
  TempDir dir;
  auto ca = testing::MakeCa();
  auto other_ca = testing::MakeCa("other-ca");
  auto server_key = GenerateKey(KeyType::kEcdsaP256);
  auto client_key = GenerateKey(KeyType::kRsa2048);
  REQUIRE(server_key.ok());
  REQUIRE(client_key.ok());
  std::string ca_file = Write(dir, "ca.crt", ca.certificate.get());
  std::string other_ca_file = Write(dir, "other.crt", other_ca.certificate.get());
  std::string server = Write(dir, "apiserver.crt", testing::IssueFor(ca, ApiserverSpec(), server_key->get()).get());
  std::string client = Write(dir, "admin.crt", testing::IssueFor(ca, AdminSpec(), client_key->get()).get());

  auto ok_server = OpenSsl({"verify", "-CAfile", ca_file, "-purpose", "sslserver", server});
  INFO(ok_server.out << ok_server.err);
  CHECK(ok_server.exit_code == 0);
  CHECK(ok_server.out == server + ": OK\n");
  CHECK(OpenSsl({"verify", "-CAfile", ca_file, "-purpose", "sslclient", client}).exit_code == 0);
  CHECK(OpenSsl({"verify", "-CAfile", ca_file, "-purpose", "sslclient", server}).exit_code != 0);
  CHECK(OpenSsl({"verify", "-CAfile", ca_file, "-purpose", "sslserver", client}).exit_code != 0);
  CHECK(OpenSsl({"verify", "-CAfile", other_ca_file, "-purpose", "sslserver", server}).exit_code != 0);

  auto server_text = OpenSsl({"x509", "-noout", "-text", "-in", server});
  REQUIRE(server_text.exit_code == 0);
  for (const char* expected :
       {"DNS:kubernetes, DNS:kubernetes.default, DNS:kubernetes.default.svc, "
        "DNS:kubernetes.default.svc.cluster.local, DNS:localhost",
        "IP Address:127.0.0.1, IP Address:10.96.0.1, IP Address:0:0:0:0:0:0:0:1",
        "TLS Web Server Authentication", "CA:FALSE", "Subject: CN = kube-apiserver",
        "Digital Signature\n"}) {
    CHECK_THAT(server_text.out, Catch::Contains(expected));
  }
  CHECK_THAT(server_text.out, !Catch::Contains("Key Encipherment"));  // an EC key

  auto client_text = OpenSsl({"x509", "-noout", "-text", "-in", client});
  REQUIRE(client_text.exit_code == 0);
  CHECK_THAT(client_text.out, Catch::Contains("Subject: O = system:masters, CN = kubernetes-admin"));
  CHECK_THAT(client_text.out, Catch::Contains("TLS Web Client Authentication"));
  CHECK_THAT(client_text.out, Catch::Contains("Digital Signature, Key Encipherment"));  // RSA
  CHECK_THAT(client_text.out, !Catch::Contains("Subject Alternative Name"));
}

TEST_CASE("serials are random and 128 bits, validity starts in the past") {
  auto ca = testing::MakeCa();
  auto key = GenerateKey(KeyType::kEcdsaP256);
  REQUIRE(key.ok());
  CertificateSpec spec = AdminSpec();
  spec.validity = absl::Hours(48);
  absl::Time now = absl::Now();
  auto first = testing::IssueFor(ca, spec, key->get());
  auto second = testing::IssueFor(ca, spec, key->get());
  CHECK(ASN1_INTEGER_cmp(X509_get0_serialNumber(first.get()), X509_get0_serialNumber(second.get())) != 0);
  BIGNUM* serial = ASN1_INTEGER_to_BN(X509_get0_serialNumber(first.get()), nullptr);
  CHECK(BN_num_bits(serial) > 96);  // below that by chance: 1 in 2^32
  CHECK(BN_num_bits(serial) <= 128);
  BN_free(serial);

  CertificateInfo info = DescribeCertificate(first.get());
  CHECK(info.not_before < now - absl::Minutes(4));
  CHECK(info.not_before > now - absl::Minutes(6));
  CHECK(absl::AbsDuration(info.not_after - (now + absl::Hours(48))) < absl::Minutes(1));
}

TEST_CASE("bad specs and bad issuers are refused") {
  auto ca = testing::MakeCa();
  auto key = GenerateKey(KeyType::kEcdsaP256);
  REQUIRE(key.ok());
  auto issue = [&](const CertificateSpec& spec) {
    return IssueCertificate(spec, key->get(), ca.certificate.get(), ca.key.get()).status();
  };
  CertificateSpec bad_ip = ApiserverSpec();
  bad_ip.ip_addresses.push_back("10.96.0.300");
  CHECK(issue(bad_ip).message() == "invalid IP address \"10.96.0.300\"");
  CertificateSpec bad_dns = ApiserverSpec();
  bad_dns.dns_names.push_back("a name,DNS:evil");
  CHECK(issue(bad_dns).code() == absl::StatusCode::kInvalidArgument);
  CertificateSpec no_time = AdminSpec();
  no_time.validity = absl::ZeroDuration();
  CHECK(issue(no_time).code() == absl::StatusCode::kInvalidArgument);

  auto leaf = testing::IssueFor(ca, AdminSpec(), key->get());
  CHECK(IssueCertificate(AdminSpec(), key->get(), leaf.get(), key->get()).status().message() ==
        "the issuer is not a CA certificate");
  auto other = testing::MakeCa("other");
  CHECK(IssueCertificate(AdminSpec(), key->get(), ca.certificate.get(), other.key.get())
            .status()
            .message() == "the issuer key does not match the issuer certificate");
}

TEST_CASE("Python's ssl module accepts the server certificate and the client key pair") {
  signal(SIGPIPE, SIG_IGN);
  TempDir dir;
  auto ca = testing::MakeCa();
  auto server_key = GenerateKey(KeyType::kEcdsaP256);
  auto client_key = GenerateKey(KeyType::kRsa2048);
  REQUIRE(server_key.ok());
  REQUIRE(client_key.ok());
  auto server_cert = testing::IssueFor(ca, ApiserverSpec(), server_key->get());
  std::string ca_file = Write(dir, "ca.crt", ca.certificate.get());
  std::string client_cert = Write(dir, "admin.crt", testing::IssueFor(ca, AdminSpec(), client_key->get()).get());
  REQUIRE(WritePrivateKeyFile(dir.path() + "/admin.key", client_key->get()).ok());

  auto ca_pem = tls::CertificateToPem(ca.certificate.get());
  auto cert_pem = tls::CertificateToPem(server_cert.get());
  auto key_pem = tls::PrivateKeyToPem(server_key->get());
  auto server_ctx = tls::NewServerContext(tls::ServerCredentialsPem{*cert_pem, *key_pem, *ca_pem});
  REQUIRE(server_ctx.ok());
  auto verifier = tls::ClientCertificateVerifier::FromPem(*ca_pem);
  REQUIRE(verifier.ok());

  int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  REQUIRE(bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0);
  REQUIRE(listen(listener, 1) == 0);
  REQUIRE(getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) == 0);

  std::string user;  // set by the server thread, read after the join
  std::thread server([&] {
    int fd = accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) return;
    auto connection = tls::TlsConnection::Accept(fd, server_ctx->get(), absl::Seconds(10));
    if (!connection.ok()) return;
    auto identity = (*verifier)->Verify((*connection)->PeerChain());
    if (identity.ok()) user = identity->common_name;
    char buffer[4];
    if ((*connection)->Read(buffer, sizeof(buffer)) > 0) (*connection)->Write("pong", 4);
    (*connection)->Shutdown();
  });
  const char* script =
      "import socket, ssl, sys\n"
      "ctx = ssl.create_default_context(cafile=sys.argv[1])\n"
      "ctx.load_cert_chain(sys.argv[2], sys.argv[3])\n"
      "with socket.create_connection(('127.0.0.1', int(sys.argv[4]))) as s:\n"
      "    with ctx.wrap_socket(s, server_hostname='kubernetes.default.svc.cluster.local') as t:\n"
      "        t.sendall(b'ping')\n"
      "        print(t.recv(4).decode())\n";
  auto result = kube::testing::RunCommand({"python3", "-c", script, ca_file, client_cert,
                                           dir.path() + "/admin.key", std::to_string(ntohs(address.sin_port))},
                                          "", absl::Seconds(30));
  shutdown(listener, SHUT_RDWR);  // frees the server thread if python never connected
  server.join();
  close(listener);
  if (result.exit_code == 127 && result.err.empty()) {
    WARN("python3 is not installed; skipped");
    return;
  }
  INFO(result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.out == "pong\n");
  CHECK(user == "kubernetes-admin");
}

}  // namespace
}  // namespace kube::pki
