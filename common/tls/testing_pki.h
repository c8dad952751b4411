#pragma once

// Test helpers for kube_tls_test: certificates made by kube_pki, loopback sockets
// and a handshake of both sides at once. Header-only; not part of kube_tls.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <thread>
#include <utility>

#include "common/pki/certificate_authority.h"
#include "common/pki/keys.h"
#include "common/tls/client_context.h"
#include "common/tls/pem.h"
#include "common/tls/server_context.h"
#include "common/tls/tls_connection.h"

namespace kube::tls::testing {

struct TestCa {
  X509Ptr certificate;
  EvpPkeyPtr key;
  std::string pem;
};

struct TestKeyPair {
  X509Ptr certificate;
  std::string cert_pem;
  std::string key_pem;
};

inline TestCa MakeCa(const std::string& common_name = "test-ca") {
  auto key = pki::GenerateKey(pki::KeyType::kEcdsaP256);
  REQUIRE(key.ok());
  pki::CertificateSpec spec;
  spec.common_name = common_name;
  spec.validity = absl::Hours(24);
  auto certificate = pki::SelfSignedCa(spec, key->get());
  REQUIRE(certificate.ok());
  auto pem = CertificateToPem(certificate->get());
  REQUIRE(pem.ok());
  return {std::move(*certificate), std::move(*key), *pem};
}

inline TestKeyPair Issue(const TestCa& ca, const pki::CertificateSpec& spec,
                         pki::KeyType type = pki::KeyType::kEcdsaP256) {
  auto key = pki::GenerateKey(type);
  REQUIRE(key.ok());
  auto certificate = pki::IssueCertificate(spec, key->get(), ca.certificate.get(), ca.key.get());
  REQUIRE(certificate.ok());
  auto cert_pem = CertificateToPem(certificate->get());
  auto key_pem = PrivateKeyToPem(key->get());
  REQUIRE(cert_pem.ok());
  REQUIRE(key_pem.ok());
  return {std::move(*certificate), *cert_pem, *key_pem};
}

// A serving certificate for "localhost" and 127.0.0.1.
inline TestKeyPair ServerPair(const TestCa& ca) {
  pki::CertificateSpec spec;
  spec.common_name = "kube-apiserver";
  spec.dns_names = {"localhost"};
  spec.ip_addresses = {"127.0.0.1"};
  spec.server_auth = true;
  spec.validity = absl::Hours(24);
  return Issue(ca, spec);
}

inline TestKeyPair ClientPair(const TestCa& ca, const std::string& common_name,
                              std::vector<std::string> organizations = {},
                              bool client_auth = true) {
  pki::CertificateSpec spec;
  spec.common_name = common_name;
  spec.organizations = std::move(organizations);
  spec.client_auth = client_auth;
  spec.server_auth = !client_auth;
  spec.validity = absl::Hours(24);
  return Issue(ca, spec);
}

// A connected TCP pair over 127.0.0.1: {client fd, server fd}. Also ignores
// SIGPIPE, as every daemon does, since peers in these tests close at will.
inline std::pair<int, int> LoopbackPair() {
  signal(SIGPIPE, SIG_IGN);
  int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  REQUIRE(listener >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  REQUIRE(bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0);
  REQUIRE(listen(listener, 1) == 0);
  REQUIRE(getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) == 0);
  int client = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  REQUIRE(connect(client, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0);
  int server = accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
  REQUIRE(server >= 0);
  close(listener);
  return {client, server};
}

struct HandshakeResult {
  absl::StatusOr<std::unique_ptr<TlsConnection>> client;
  absl::StatusOr<std::unique_ptr<TlsConnection>> server;
};

// Both sides of a handshake over loopback, the server's on a thread of its own.
inline HandshakeResult Handshake(SSL_CTX* server_ctx, SSL_CTX* client_ctx,
                                 const std::string& server_name = "localhost",
                                 absl::Duration timeout = absl::Seconds(5)) {
  auto [client_fd, server_fd] = LoopbackPair();
  HandshakeResult result;
  std::thread server([&, fd = server_fd] { result.server = TlsConnection::Accept(fd, server_ctx, timeout); });
  // A side that fails closes its socket, so the other never waits out its timeout.
  result.client = TlsConnection::Connect(client_fd, client_ctx, server_name, timeout);
  server.join();
  return result;
}

inline SslCtxPtr ServerContext(const TestKeyPair& pair, const std::string& client_ca_pem = "") {
  auto ctx = NewServerContext(ServerCredentialsPem{pair.cert_pem, pair.key_pem, client_ca_pem});
  REQUIRE(ctx.ok());
  return std::move(*ctx);
}

inline ClientTlsOptions ClientOptions(const std::string& ca_pem, const std::string& cert_pem = "",
                                      const std::string& key_pem = "") {
  ClientTlsOptions options;
  options.ca_pem = ca_pem;
  options.cert_pem = cert_pem;
  options.key_pem = key_pem;
  return options;
}

inline SslCtxPtr ClientContext(const ClientTlsOptions& options) {
  auto ctx = NewClientContext(options);
  REQUIRE(ctx.ok());
  return std::move(*ctx);
}

inline SslCtxPtr ClientContext(const std::string& ca_pem, const std::string& cert_pem = "",
                               const std::string& key_pem = "") {
  return ClientContext(ClientOptions(ca_pem, cert_pem, key_pem));
}

inline ServerTlsOptions CipherOptions(std::vector<std::string> cipher_suites) {
  ServerTlsOptions options;
  options.cipher_suites = std::move(cipher_suites);
  return options;
}

inline ServerTlsOptions MinVersionOptions(const std::string& min_version) {
  ServerTlsOptions options;
  options.min_version = min_version;
  return options;
}

}  // namespace kube::tls::testing
