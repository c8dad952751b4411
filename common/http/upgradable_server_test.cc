#include "common/http/upgradable_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <csignal>
#include <thread>

#include "common/http/tunnel.h"

namespace kube::http {
namespace {

// Serves `server` on a free loopback port for the test's lifetime.
class Running {
 public:
  explicit Running(UpgradableServer& server) : server_(server) {
    std::signal(SIGPIPE, SIG_IGN);  // as the daemons do: taken connections are shut down
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~Running() {
    server_.stop();
    thread_.join();
  }
  int port() const { return port_; }

 private:
  UpgradableServer& server_;
  int port_ = 0;
  std::thread thread_;
};

std::string ReadAll(int fd) {
  std::string out;
  char buffer[4096];
  ssize_t got;
  while ((got = recv(fd, buffer, sizeof(buffer), 0)) > 0) out.append(buffer, got);
  return out;
}

TEST_CASE("plain requests are served as httplib serves them, with keep-alive") {
  UpgradableServer server;
  server.Get("/hello", [](const httplib::Request& request, httplib::Response& response) {
    response.set_content(ConnectionSocket(request) >= 0 ? "socket known" : "no socket",
                         "text/plain");
  });
  Running running(server);
  httplib::Client client("127.0.0.1", running.port());
  client.set_keep_alive(true);
  for (int i = 0; i < 3; ++i) {
    auto answer = client.Get("/hello");
    REQUIRE(answer);
    CHECK(answer->status == 200);
    CHECK(answer->body == "socket known");
  }
  CHECK(client.Get("/missing")->status == 404);
}

TEST_CASE("a client cannot forge the connection header") {
  UpgradableServer server;
  int seen = -2;
  server.Get("/fd", [&seen](const httplib::Request& request, httplib::Response& response) {
    seen = ConnectionSocket(request);
    response.set_content("ok", "text/plain");
  });
  Running running(server);
  httplib::Client client("127.0.0.1", running.port());
  auto answer = client.Get("/fd", {{"X-Kube-Internal-Connection-Socket", "0"}});
  REQUIRE(answer);
  CHECK(seen > 2);
}

TEST_CASE("a handler takes over the connection and speaks its own protocol") {
  UpgradableServer server;
  server.Get("/upgrade", [](const httplib::Request& request, httplib::Response&) {
    auto taken = TakenConnection::Take(request);
    REQUIRE(taken.ok());
    REQUIRE(WriteAll((*taken)->fd(), "HTTP/1.1 101 Switching Protocols\r\nUpgrade: echo\r\n"
                                     "Connection: Upgrade\r\n\r\n")
                .ok());
    char buffer[64];
    ssize_t got = recv((*taken)->fd(), buffer, sizeof(buffer), 0);
    REQUIRE(got > 0);
    REQUIRE(WriteAll((*taken)->fd(), "echo:" + std::string(buffer, got)).ok());
  });
  Running running(server);
  auto sock = ConnectTcp("127.0.0.1", running.port(), absl::Seconds(5));
  REQUIRE(sock.ok());
  REQUIRE(WriteAll(sock->fd(), "GET /upgrade HTTP/1.1\r\nHost: x\r\nUpgrade: echo\r\n"
                               "Connection: Upgrade\r\n\r\n")
              .ok());
  char head[512];
  ssize_t got = recv(sock->fd(), head, sizeof(head), 0);
  REQUIRE(got > 0);
  CHECK(std::string(head, got).rfind("HTTP/1.1 101", 0) == 0);
  REQUIRE(WriteAll(sock->fd(), "ping").ok());
  // Nothing of httplib's own response follows the handler's bytes.
  CHECK(ReadAll(sock->fd()) == "echo:ping");
}

TEST_CASE("a request for a taken connection outside an UpgradableServer fails") {
  httplib::Request request;
  CHECK(absl::IsFailedPrecondition(TakenConnection::Take(request).status()));
  CHECK(ConnectionSocket(request) == -1);
}

TEST_CASE("Splice relays both ways and passes half-closes on") {
  int left[2], right[2];
  REQUIRE(socketpair(AF_UNIX, SOCK_STREAM, 0, left) == 0);
  REQUIRE(socketpair(AF_UNIX, SOCK_STREAM, 0, right) == 0);
  std::thread splice([&] { Splice(left[1], right[0]); });
  REQUIRE(WriteAll(left[0], "request").ok());
  shutdown(left[0], SHUT_WR);
  char buffer[64];
  ssize_t got = recv(right[1], buffer, sizeof(buffer), 0);
  CHECK(std::string(buffer, got) == "request");
  REQUIRE(WriteAll(right[1], "answer").ok());
  close(right[1]);
  CHECK(ReadAll(left[0]) == "answer");
  splice.join();
  for (int fd : {left[0], left[1], right[0]}) close(fd);
}

TEST_CASE("ConnectTcp reports an address nobody listens on") {
  auto listener = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  REQUIRE(bind(listener, reinterpret_cast<sockaddr*>(&address), length) == 0);
  getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);
  close(listener);  // the port is now free and closed
  auto sock = ConnectTcp("127.0.0.1", ntohs(address.sin_port), absl::Seconds(2));
  CHECK(absl::IsUnavailable(sock.status()));
}

TEST_CASE("stop ends connections a handler has taken over") {
  auto server = std::make_unique<UpgradableServer>();
  server->Get("/hold", [](const httplib::Request& request, httplib::Response&) {
    auto taken = TakenConnection::Take(request);
    REQUIRE(taken.ok());
    char buffer[16];
    // Blocks until the client sends something or the server shuts the socket.
    (void)recv((*taken)->fd(), buffer, sizeof(buffer), 0);
  });
  std::signal(SIGPIPE, SIG_IGN);
  int port = server->bind_to_any_port("127.0.0.1");
  std::thread serving([&] { server->listen_after_bind(); });
  while (!server->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  auto sock = ConnectTcp("127.0.0.1", port, absl::Seconds(5));
  REQUIRE(sock.ok());
  REQUIRE(WriteAll(sock->fd(), "GET /hold HTTP/1.1\r\nHost: x\r\n\r\n").ok());
  absl::SleepFor(absl::Milliseconds(200));
  absl::Time start = absl::Now();
  server->stop();
  serving.join();
  server.reset();  // waits for the connection's thread
  CHECK(absl::Now() - start < absl::Seconds(3));
  CHECK(ReadAll(sock->fd()).empty());
}

}  // namespace
}  // namespace kube::http
