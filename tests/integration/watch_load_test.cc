// A hundred open watches never starve ordinary requests: every connection holds a
// server thread, so the server must grow its pool rather than queue behind them.
// The watches are raw TLS connections as the admin, cheaper than a hundred clients.

#include <arpa/inet.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "common/tls/client_context.h"
#include "common/tls/tls_connection.h"
#include "tests/integration/integration_helpers.h"
#include "tests/support/api_client.h"

namespace kube::testing {
namespace {

// A TLS client context with the admin's certificate, trusting the test CA.
tls::SslCtxPtr AdminContext() {
  const TestPki& pki = TestPki::Shared();
  tls::ClientTlsOptions options;
  options.ca_pem = ReadFile(pki.ca_file());
  options.cert_pem = ReadFile(pki.admin().cert_file);
  options.key_pem = ReadFile(pki.admin().key_file);
  absl::StatusOr<tls::SslCtxPtr> context = tls::NewClientContext(options);
  REQUIRE(context.ok());
  return std::move(*context);
}

// Opens a raw watch connection (one TLS connection, one request); null on failure.
std::unique_ptr<tls::TlsConnection> OpenWatch(SSL_CTX* context, int port, const std::string& path) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    close(fd);
    return nullptr;
  }
  absl::StatusOr<std::unique_ptr<tls::TlsConnection>> connection =
      tls::TlsConnection::Connect(fd, context, "127.0.0.1", absl::Seconds(10));
  if (!connection.ok()) return nullptr;
  std::string request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n";
  if ((*connection)->Write(request.data(), request.size()) != static_cast<ssize_t>(request.size())) {
    return nullptr;
  }
  return std::move(*connection);
}

// Reads what arrives on `connection` within `timeout`.
std::string ReadFor(tls::TlsConnection& connection, absl::Duration timeout) {
  std::string data;
  absl::Time deadline = absl::Now() + timeout;
  char buffer[8192];
  while (absl::Now() < deadline) {
    if (!connection.HasBufferedData()) {
      pollfd poll_fd{connection.fd(), POLLIN, 0};
      int wait_ms = static_cast<int>(absl::ToInt64Milliseconds(deadline - absl::Now()));
      if (poll(&poll_fd, 1, std::max(1, wait_ms)) <= 0) continue;
    }
    ssize_t n = connection.Read(buffer, sizeof(buffer));
    if (n <= 0) break;
    data.append(buffer, n);
    if (data.find("\"type\":\"ADDED\"") != std::string::npos) break;
  }
  return data;
}

TEST_CASE("a hundred open watches do not starve ordinary requests") {
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  tls::SslCtxPtr context = AdminContext();
  std::vector<std::unique_ptr<tls::TlsConnection>> watches;
  for (int i = 0; i < 100; ++i) {
    std::unique_ptr<tls::TlsConnection> watch = OpenWatch(
        context.get(), server.port(),
        "/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=0");
    REQUIRE(watch != nullptr);
    watches.push_back(std::move(watch));
  }
  // Ordinary requests still answer, each within the client's 5 s connect/30 s read
  // timeouts (a starved request would time out and fail here).
  ApiClient client(server);
  for (int i = 0; i < 50; ++i) {
    HttpResult created = client.Post("/api/v1/namespaces/default/configmaps",
                                     "{\"metadata\":{\"name\":\"cm-" + std::to_string(i) + "\"}}");
    REQUIRE(created.status == 201);
    REQUIRE(client.Get("/api/v1/namespaces/default/configmaps/cm-" + std::to_string(i)).status == 200);
  }
  CHECK(client.Get("/version").status == 200);
  // And every watch is alive and received the events.
  int delivered = 0;
  for (auto& watch : watches) {
    std::string data = ReadFor(*watch, absl::Seconds(5));
    if (data.find("HTTP/1.1 200") != std::string::npos &&
        data.find("\"type\":\"ADDED\"") != std::string::npos) {
      ++delivered;
    }
  }
  CHECK(delivered == 100);
}

}  // namespace
}  // namespace kube::testing
