// RelayToPlainSocket: a TLS client connection put behind a plain socket, talking to
// TLS servers with different habits on their own threads.

#include "common/tls/tls_relay.h"

#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <functional>
#include <thread>

#include "common/tls/testing_pki.h"
#include "tests/support/eventually.h"

namespace kube::tls {
namespace {

// A TLS server running `serve` on its own thread, and the plain socket relayed to
// the client's connection to it.
class RelayFixture {
 public:
  explicit RelayFixture(std::function<void(TlsConnection&)> serve) {
    ca_ = testing::MakeCa();
    server_ctx_ = testing::ServerContext(testing::ServerPair(ca_));
    client_ctx_ = testing::ClientContext(ca_.pem);
    auto [client_fd, server_fd] = testing::LoopbackPair();
    server_ = std::thread([this, fd = server_fd, serve = std::move(serve)] {
      auto connection = TlsConnection::Accept(fd, server_ctx_.get(), absl::Seconds(5));
      if (connection.ok()) serve(**connection);
    });
    auto client = TlsConnection::Connect(client_fd, client_ctx_.get(), "localhost", absl::Seconds(5));
    REQUIRE(client.ok());
    auto plain = RelayToPlainSocket(std::move(*client));
    REQUIRE(plain.ok());
    plain_ = *plain;
  }
  ~RelayFixture() {
    if (plain_ >= 0) close(plain_);
    JoinServer();
  }

  int plain() const { return plain_; }
  void ClosePlain() {
    close(plain_);
    plain_ = -1;
  }
  void JoinServer() {
    if (server_.joinable()) server_.join();
  }

 private:
  testing::TestCa ca_;
  SslCtxPtr server_ctx_;
  SslCtxPtr client_ctx_;
  std::thread server_;
  int plain_ = -1;
};

// Reads from `fd` until EOF or `limit` bytes; fails the test if nothing comes for
// 10 s.
std::string ReadUntilEof(int fd, size_t limit = SIZE_MAX) {
  std::string data;
  std::vector<char> buffer(1 << 16);
  while (data.size() < limit) {
    pollfd wait{fd, POLLIN, 0};
    REQUIRE(poll(&wait, 1, 10000) == 1);
    ssize_t n = read(fd, buffer.data(), std::min(buffer.size(), limit - data.size()));
    REQUIRE(n >= 0);
    if (n == 0) break;
    data.append(buffer.data(), static_cast<size_t>(n));
  }
  return data;
}

void WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = write(fd, data.data(), data.size());
    if (n <= 0) return;
    data.remove_prefix(static_cast<size_t>(n));
  }
}

// Echoes until the client's close_notify, then says "bye" and closes.
void EchoThenBye(TlsConnection& connection) {
  std::vector<char> buffer(1 << 16);
  while (true) {
    ssize_t n = connection.Read(buffer.data(), buffer.size());
    if (n <= 0) break;
    if (connection.Write(buffer.data(), static_cast<size_t>(n)) < 0) return;
  }
  connection.Write("bye", 3);  // writing after the peer's close_notify is allowed
  connection.Shutdown();
}

TEST_CASE("relay: bytes both ways, the caller's EOF is close_notify, the reply still arrives") {
  RelayFixture relay(EchoThenBye);
  WriteAll(relay.plain(), "hello");
  CHECK(ReadUntilEof(relay.plain(), 5) == "hello");
  REQUIRE(shutdown(relay.plain(), SHUT_WR) == 0);
  CHECK(ReadUntilEof(relay.plain()) == "bye");  // then EOF: the server's close_notify
}

// A server streaming with nothing to write watches its socket for the client's
// hang-up (POLLRDHUP), as the kubelet's followed logs do: the caller's EOF must reach
// it as a TCP half-close after the close_notify, while the reply still arrives.
TEST_CASE("relay: the caller's EOF is a TCP half-close the server can poll for") {
  RelayFixture relay([](TlsConnection& connection) {
    pollfd hangup{connection.fd(), POLLRDHUP, 0};
    bool seen = poll(&hangup, 1, 10000) == 1 && (hangup.revents & POLLRDHUP) != 0;
    connection.Write(seen ? "seen" : "unseen", seen ? 4 : 6);
    connection.Shutdown();
  });
  REQUIRE(shutdown(relay.plain(), SHUT_WR) == 0);
  CHECK(ReadUntilEof(relay.plain()) == "seen");
}

TEST_CASE("relay: 8 MiB each way at once, nothing lost") {
  RelayFixture relay(EchoThenBye);
  std::string sent(8 << 20, '\0');
  for (size_t i = 0; i < sent.size(); ++i) sent[i] = static_cast<char>((i * 7919) >> 3);
  std::thread writer([&] {
    WriteAll(relay.plain(), sent);
    shutdown(relay.plain(), SHUT_WR);
  });
  std::string received = ReadUntilEof(relay.plain());
  writer.join();
  REQUIRE(received.size() == sent.size() + 3);
  CHECK(received.compare(0, sent.size(), sent) == 0);
  CHECK(received.substr(sent.size()) == "bye");
}

TEST_CASE("relay: the server's close reaches the caller as EOF while it may still write") {
  std::string heard;  // written by the server thread, read after it is joined
  RelayFixture relay([&heard](TlsConnection& connection) {
    connection.Write("greeting", 8);
    connection.Shutdown();
    char buffer[256];
    for (ssize_t n; (n = connection.Read(buffer, sizeof(buffer))) > 0;) heard.append(buffer, n);
  });
  CHECK(ReadUntilEof(relay.plain()) == "greeting");
  WriteAll(relay.plain(), "late reply");
  relay.ClosePlain();
  relay.JoinServer();
  CHECK(heard == "late reply");
}

TEST_CASE("relay: closing the caller's end ends the relay and its TLS connection") {
  bool saw_close_notify = false;
  bool socket_closed = false;
  RelayFixture relay([&](TlsConnection& connection) {
    char buffer[16];
    saw_close_notify = connection.Read(buffer, sizeof(buffer)) == 1 &&
                       connection.Read(buffer, sizeof(buffer)) == 0;
    // The server sends nothing, yet the relay ends: its TCP socket closes.
    pollfd wait{connection.fd(), POLLIN, 0};
    socket_closed = poll(&wait, 1, 10000) == 1 && recv(connection.fd(), buffer, 1, 0) == 0;
  });
  WriteAll(relay.plain(), "x");
  relay.ClosePlain();
  relay.JoinServer();
  CHECK(saw_close_notify);
  CHECK(socket_closed);
}

TEST_CASE("relay: a broken TLS connection ends both directions for the caller") {
  RelayFixture relay([](TlsConnection& connection) {
    linger reset{1, 0};  // close with RST, the rudest end there is
    setsockopt(connection.fd(), SOL_SOCKET, SO_LINGER, &reset, sizeof(reset));
    char buffer[16];
    connection.Read(buffer, sizeof(buffer));
  });
  WriteAll(relay.plain(), "x");
  relay.JoinServer();
  CHECK(ReadUntilEof(relay.plain()).empty());
  CHECK(kube::testing::Eventually(
      [&] { return send(relay.plain(), "y", 1, MSG_NOSIGNAL) < 0 && errno == EPIPE; },
      absl::Seconds(5)));
}

double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

TEST_CASE("relay: an idle relay does not spin") {
  RelayFixture relay([](TlsConnection& connection) {
    char buffer[16];
    while (connection.Read(buffer, sizeof(buffer)) > 0) {
    }
  });
  double before = CpuSeconds();
  pollfd wait{relay.plain(), POLLIN, 0};
  CHECK(poll(&wait, 1, 300) == 0);  // nothing arrives in 300 ms...
  CHECK(CpuSeconds() - before < 0.1);  // ...and waiting for it costs no CPU
}

}  // namespace
}  // namespace kube::tls
