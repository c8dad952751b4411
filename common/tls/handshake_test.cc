// Handshakes between NewServerContext and NewClientContext over loopback TCP:
// server and client certificates, ALPN, name checks, versions, timeouts, I/O.

#include <fcntl.h>
#include <sys/socket.h>

#include <catch2/catch.hpp>

#include "common/tls/client_certificate.h"
#include "common/tls/testing_pki.h"
#include "common/tls/x509_names.h"

namespace kube::tls {
namespace {

using testing::ClientContext;
using testing::ClientPair;
using testing::Handshake;
using testing::MakeCa;
using testing::ServerContext;
using testing::ServerPair;

// Sends `text` one way and reads it on the other.
void ExpectTransfer(TlsConnection& from, TlsConnection& to, const std::string& text) {
  REQUIRE(from.Write(text.data(), text.size()) == static_cast<ssize_t>(text.size()));
  std::string received;
  char buffer[256];
  while (received.size() < text.size()) {
    ssize_t n = to.Read(buffer, sizeof(buffer));
    REQUIRE(n > 0);
    received.append(buffer, static_cast<size_t>(n));
  }
  CHECK(received == text);
}

TEST_CASE("a client without a certificate is served and sees the server's chain") {
  auto ca = MakeCa();
  auto server_ctx = ServerContext(ServerPair(ca), ca.pem);
  ClientTlsOptions offering_h2 = testing::ClientOptions(ca.pem);
  offering_h2.alpn_protocols = {"h2", "http/1.1"};
  auto client_ctx = ClientContext(offering_h2);
  auto result = Handshake(server_ctx.get(), client_ctx.get());
  REQUIRE(result.client.ok());
  REQUIRE(result.server.ok());
  TlsConnection& client = **result.client;
  TlsConnection& server = **result.server;

  CHECK(server.PeerChain().empty());
  REQUIRE(client.PeerChain().size() == 1);
  CHECK(SubjectCommonName(client.PeerChain()[0]) == "kube-apiserver");
  // kubectl offers h2 first; the server only speaks HTTP/1.1.
  CHECK(client.Alpn() == "http/1.1");
  CHECK(server.Alpn() == "http/1.1");
  CHECK(SSL_version(client.ssl()) >= TLS1_2_VERSION);
  // The handshake ran non-blocking; the socket is blocking again.
  CHECK((fcntl(server.fd(), F_GETFL) & O_NONBLOCK) == 0);

  ExpectTransfer(client, server, "GET /version HTTP/1.1\r\n\r\n");
  ExpectTransfer(server, client, "HTTP/1.1 200 OK\r\n\r\n");
  CHECK_FALSE(client.HasBufferedData());
}

TEST_CASE("the server requests a certificate naming its client CA, never requires one") {
  auto ca = MakeCa("cluster-client-ca");
  auto other_ca = MakeCa("someone-else");
  auto server_ctx = ServerContext(ServerPair(ca), ca.pem);
  auto verifier = ClientCertificateVerifier::FromPem(ca.pem);
  REQUIRE(verifier.ok());

  SECTION("a certificate from the client CA verifies, naming user and groups") {
    auto pair = ClientPair(ca, "kubernetes-admin", {"system:masters", "team-a"});
    auto client_ctx =
        ClientContext(ca.pem, pair.cert_pem, pair.key_pem);
    auto result = Handshake(server_ctx.get(), client_ctx.get());
    REQUIRE(result.client.ok());
    REQUIRE(result.server.ok());
    // The CertificateRequest carried the CA's name, for clients choosing a certificate.
    STACK_OF(X509_NAME)* names = SSL_get_client_CA_list((*result.client)->ssl());
    REQUIRE(names != nullptr);
    REQUIRE(sk_X509_NAME_num(names) == 1);
    CHECK(X509_NAME_cmp(sk_X509_NAME_value(names, 0), X509_get_subject_name(ca.certificate.get())) == 0);

    std::vector<X509*> chain = (*result.server)->PeerChain();
    REQUIRE(chain.size() == 1);
    auto identity = (*verifier)->Verify(chain);
    REQUIRE(identity.ok());
    CHECK(identity->common_name == "kubernetes-admin");
    CHECK(identity->organizations == std::vector<std::string>{"system:masters", "team-a"});
    CHECK(identity->sha256_hex == Sha256Hex(pair.certificate.get()));
    CHECK(identity->sha256_hex.size() == 64);
  }

  SECTION("a certificate from an unknown CA passes the handshake but not Verify") {
    auto pair = ClientPair(other_ca, "mallory", {"system:masters"});
    auto client_ctx =
        ClientContext(ca.pem, pair.cert_pem, pair.key_pem);
    auto result = Handshake(server_ctx.get(), client_ctx.get());
    REQUIRE(result.client.ok());
    REQUIRE(result.server.ok());
    std::vector<X509*> chain = (*result.server)->PeerChain();
    REQUIRE(chain.size() == 1);
    CHECK(SubjectCommonName(chain[0]) == "mallory");
    auto identity = (*verifier)->Verify(chain);
    REQUIRE_FALSE(identity.ok());
    CHECK(identity.status().code() == absl::StatusCode::kUnauthenticated);
    CHECK(identity.status().message() == "x509: certificate signed by unknown authority");
  }

  SECTION("a chain through an intermediate CA is exposed whole and verifies") {
    pki::CertificateSpec intermediate_spec;
    intermediate_spec.common_name = "intermediate";
    intermediate_spec.is_ca = true;
    auto intermediate_pair = testing::Issue(ca, intermediate_spec);
    auto intermediate_key = ParsePrivateKey(intermediate_pair.key_pem);
    REQUIRE(intermediate_key.ok());
    testing::TestCa intermediate{std::move(intermediate_pair.certificate), std::move(*intermediate_key),
                                 intermediate_pair.cert_pem};
    auto leaf = ClientPair(intermediate, "system:node:node1", {"system:nodes"});
    auto client_ctx = ClientContext(ca.pem, leaf.cert_pem + intermediate.pem, leaf.key_pem);
    auto result = Handshake(server_ctx.get(), client_ctx.get());
    REQUIRE(result.server.ok());
    std::vector<X509*> chain = (*result.server)->PeerChain();
    REQUIRE(chain.size() == 2);
    CHECK(SubjectCommonName(chain[0]) == "system:node:node1");
    CHECK(SubjectCommonName(chain[1]) == "intermediate");
    auto identity = (*verifier)->Verify(chain);
    REQUIRE(identity.ok());
    CHECK(identity->common_name == "system:node:node1");
    // Without the intermediate the leaf cannot reach the root...
    CHECK_FALSE((*verifier)->Verify({chain[0]}).ok());
    // ...but a bundle holding the intermediate anchors it, as a Go CertPool does.
    auto intermediate_verifier = ClientCertificateVerifier::FromPem(intermediate.pem);
    REQUIRE(intermediate_verifier.ok());
    CHECK((*intermediate_verifier)->Verify({chain[0]}).ok());
  }
}

TEST_CASE("Verify rejects certificates not meant for client authentication or out of date") {
  auto ca = MakeCa();
  auto verifier = ClientCertificateVerifier::FromPem(ca.pem);
  REQUIRE(verifier.ok());

  auto server_only = ClientPair(ca, "a-server", {}, /*client_auth=*/false);
  auto rejected = (*verifier)->Verify({server_only.certificate.get()});
  REQUIRE_FALSE(rejected.ok());
  CHECK(rejected.status().message() == "x509: certificate specifies an incompatible key usage");

  auto good = ClientPair(ca, "alice");
  CHECK((*verifier)->Verify({good.certificate.get()}).ok());
  auto expired = (*verifier)->VerifyAt({good.certificate.get()}, absl::Now() + absl::Hours(24 * 400));
  REQUIRE_FALSE(expired.ok());
  CHECK(expired.status().code() == absl::StatusCode::kUnauthenticated);
  CHECK_THAT(std::string(expired.status().message()),
             Catch::StartsWith("x509: certificate has expired or is not yet valid: current time ") &&
                 Catch::Contains(" is after "));
  auto early = (*verifier)->VerifyAt({good.certificate.get()}, absl::Now() - absl::Hours(1));
  REQUIRE_FALSE(early.ok());
  CHECK_THAT(std::string(early.status().message()), Catch::Contains(" is before "));

  CHECK((*verifier)->Verify({}).status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(ClientCertificateVerifier::FromPem("no certificates").status().code() ==
        absl::StatusCode::kInvalidArgument);
}

TEST_CASE("the client checks the server's name, address and CA") {
  auto ca = MakeCa();
  auto server_ctx = ServerContext(ServerPair(ca));
  auto client_ctx = ClientContext(ca.pem);

  CHECK(Handshake(server_ctx.get(), client_ctx.get(), "localhost").client.ok());
  CHECK(Handshake(server_ctx.get(), client_ctx.get(), "127.0.0.1").client.ok());

  auto wrong_name = Handshake(server_ctx.get(), client_ctx.get(), "kubernetes.default.svc");
  REQUIRE_FALSE(wrong_name.client.ok());
  CHECK(wrong_name.client.status().code() == absl::StatusCode::kUnauthenticated);
  CHECK_THAT(std::string(wrong_name.client.status().message()), Catch::Contains("hostname mismatch", Catch::CaseSensitive::No));
  CHECK_FALSE(wrong_name.server.ok());  // the client's alert ends the server's side

  auto wrong_ip = Handshake(server_ctx.get(), client_ctx.get(), "127.0.0.2");
  REQUIRE_FALSE(wrong_ip.client.ok());
  CHECK_THAT(std::string(wrong_ip.client.status().message()), Catch::Contains("IP address mismatch", Catch::CaseSensitive::No));

  auto other_ca = MakeCa("other");
  auto distrusting = ClientContext(other_ca.pem);
  auto unknown = Handshake(server_ctx.get(), distrusting.get(), "localhost");
  REQUIRE_FALSE(unknown.client.ok());
  CHECK_THAT(std::string(unknown.client.status().message()), Catch::Contains("local issuer"));

  ClientTlsOptions insecure_options;
  insecure_options.insecure_skip_verify = true;
  auto insecure = ClientContext(insecure_options);
  CHECK(Handshake(server_ctx.get(), insecure.get(), "kubernetes.default.svc").client.ok());
}

TEST_CASE("a TLS 1.1 client is refused when the minimum is TLS 1.2") {
  auto ca = MakeCa();
  auto server_ctx = ServerContext(ServerPair(ca));
  SslCtxPtr old_client(SSL_CTX_new(TLS_client_method()));
  // OpenSSL 3 allows TLS 1.1 only at security level 0.
  SSL_CTX_set_security_level(old_client.get(), 0);
  REQUIRE(SSL_CTX_set_cipher_list(old_client.get(), "DEFAULT:@SECLEVEL=0") == 1);
  SSL_CTX_set_min_proto_version(old_client.get(), TLS1_VERSION);
  SSL_CTX_set_max_proto_version(old_client.get(), TLS1_1_VERSION);
  auto result = Handshake(server_ctx.get(), old_client.get(), "");
  REQUIRE_FALSE(result.server.ok());
  CHECK_THAT(std::string(result.server.status().message()), Catch::Contains("unsupported protocol"));
  CHECK_FALSE(result.client.ok());

  // The same client is fine once it may use TLS 1.2.
  SSL_CTX_set_max_proto_version(old_client.get(), TLS1_2_VERSION);
  auto modern = Handshake(server_ctx.get(), old_client.get(), "");
  REQUIRE(modern.server.ok());
  CHECK(SSL_version((*modern.server)->ssl()) == TLS1_2_VERSION);
}

TEST_CASE("VersionTLS13 refuses TLS 1.2 clients") {
  auto ca = MakeCa();
  auto pair = ServerPair(ca);
  auto server_ctx = NewServerContext(ServerCredentialsPem{pair.cert_pem, pair.key_pem, ""},
                                     testing::MinVersionOptions("VersionTLS13"));
  REQUIRE(server_ctx.ok());
  auto client_ctx = ClientContext(ca.pem);
  SSL_CTX_set_max_proto_version(client_ctx.get(), TLS1_2_VERSION);
  CHECK_FALSE(Handshake(server_ctx->get(), client_ctx.get()).server.ok());
  SSL_CTX_set_max_proto_version(client_ctx.get(), 0);
  auto result = Handshake(server_ctx->get(), client_ctx.get());
  REQUIRE(result.server.ok());
  CHECK(SSL_version((*result.server)->ssl()) == TLS1_3_VERSION);
}

TEST_CASE("the handshake gives up at its timeout on a silent peer") {
  auto ca = MakeCa();
  auto server_ctx = ServerContext(ServerPair(ca));
  auto [client_fd, server_fd] = testing::LoopbackPair();
  absl::Time start = absl::Now();
  auto server = TlsConnection::Accept(server_fd, server_ctx.get(), absl::Milliseconds(200));
  absl::Duration took = absl::Now() - start;
  REQUIRE_FALSE(server.ok());
  CHECK(server.status().code() == absl::StatusCode::kDeadlineExceeded);
  CHECK(took >= absl::Milliseconds(190));
  CHECK(took < absl::Seconds(2));
  // Accept closed its socket: the silent client reads EOF.
  char byte;
  CHECK(recv(client_fd, &byte, 1, 0) == 0);
  close(client_fd);
}

TEST_CASE("Read reports the peer's close as 0, with or without close_notify") {
  auto ca = MakeCa();
  auto server_ctx = ServerContext(ServerPair(ca));
  auto client_ctx = ClientContext(ca.pem);
  char buffer[16];

  auto polite = Handshake(server_ctx.get(), client_ctx.get());
  REQUIRE(polite.client.ok());
  REQUIRE(polite.server.ok());
  (*polite.server)->Shutdown();
  (*polite.server)->Shutdown();  // idempotent
  CHECK((*polite.client)->Read(buffer, sizeof(buffer)) == 0);

  auto abrupt = Handshake(server_ctx.get(), client_ctx.get());
  REQUIRE(abrupt.client.ok());
  REQUIRE(abrupt.server.ok());
  abrupt.server->reset();  // closes the socket, no close_notify
  CHECK((*abrupt.client)->Read(buffer, sizeof(buffer)) == 0);
}

TEST_CASE("contexts reject mismatched or missing credentials") {
  auto ca = MakeCa();
  auto pair = ServerPair(ca);
  auto other = ServerPair(ca);
  auto mismatched = NewServerContext(ServerCredentialsPem{pair.cert_pem, other.key_pem, ""});
  REQUIRE_FALSE(mismatched.ok());
  CHECK(mismatched.status().message() == "tls: private key does not match public key");

  auto no_key = NewServerContext(ServerCredentialsPem{pair.cert_pem, "", ""});
  CHECK(no_key.status().code() == absl::StatusCode::kInvalidArgument);

  auto half = NewClientContext(testing::ClientOptions("", pair.cert_pem));
  CHECK(half.status().code() == absl::StatusCode::kInvalidArgument);

  auto bad_ciphers = NewServerContext(ServerCredentialsPem{pair.cert_pem, pair.key_pem, ""},
                                      testing::CipherOptions({"TLS_FAKE"}));
  CHECK(bad_ciphers.status().code() == absl::StatusCode::kInvalidArgument);
  auto bad_version = NewServerContext(ServerCredentialsPem{pair.cert_pem, pair.key_pem, ""},
                                      testing::MinVersionOptions("TLS1.2"));
  CHECK(bad_version.status().message() == "unknown tls version \"TLS1.2\"");
}

}  // namespace
}  // namespace kube::tls
