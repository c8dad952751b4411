// A hundred open watches never starve ordinary requests: every connection holds a
// server thread, so the server must grow its pool rather than queue behind them.

#include <arpa/inet.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "tests/integration/integration_helpers.h"
#include "tests/support/api_client.h"

namespace kube::testing {
namespace {

// Opens a raw watch connection; returns the socket (or -1).
int OpenWatch(int port, const std::string& path) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    close(fd);
    return -1;
  }
  std::string request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n";
  if (write(fd, request.data(), request.size()) != static_cast<ssize_t>(request.size())) {
    close(fd);
    return -1;
  }
  return fd;
}

// Reads what arrives on `fd` within `timeout`.
std::string ReadFor(int fd, absl::Duration timeout) {
  std::string data;
  absl::Time deadline = absl::Now() + timeout;
  char buffer[8192];
  while (absl::Now() < deadline) {
    pollfd poll_fd{fd, POLLIN, 0};
    int wait_ms = static_cast<int>(absl::ToInt64Milliseconds(deadline - absl::Now()));
    if (poll(&poll_fd, 1, std::max(1, wait_ms)) <= 0) continue;
    ssize_t n = read(fd, buffer, sizeof(buffer));
    if (n <= 0) break;
    data.append(buffer, n);
    if (data.find("\"type\":\"ADDED\"") != std::string::npos) break;
  }
  return data;
}

TEST_CASE("a hundred open watches do not starve ordinary requests") {
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  std::vector<int> watches;
  for (int i = 0; i < 100; ++i) {
    int fd = OpenWatch(server.port(),
                       "/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=0");
    REQUIRE(fd >= 0);
    watches.push_back(fd);
  }
  // Ordinary requests still answer, each within the client's 5 s connect/30 s read
  // timeouts (a starved request would time out and fail here).
  ApiClient client(server.port());
  for (int i = 0; i < 50; ++i) {
    HttpResult created = client.Post("/api/v1/namespaces/default/configmaps",
                                     "{\"metadata\":{\"name\":\"cm-" + std::to_string(i) + "\"}}");
    REQUIRE(created.status == 201);
    REQUIRE(client.Get("/api/v1/namespaces/default/configmaps/cm-" + std::to_string(i)).status == 200);
  }
  CHECK(client.Get("/version").status == 200);
  // And every watch is alive and received the events.
  int delivered = 0;
  for (int fd : watches) {
    std::string data = ReadFor(fd, absl::Seconds(5));
    if (data.find("HTTP/1.1 200") != std::string::npos &&
        data.find("\"type\":\"ADDED\"") != std::string::npos) {
      ++delivered;
    }
    close(fd);
  }
  CHECK(delivered == 100);
}

}  // namespace
}  // namespace kube::testing
