#include "cluster-dns/server/dns_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "cluster-dns/message/parser.h"
#include "cluster-dns/message/test_messages.h"
#include "cluster-dns/server/server_test_zone.h"

namespace kube::dns {
namespace {

using testing::QueryWire;

sockaddr_in Loopback(int port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
  return address;
}

// One UDP exchange; "" when nothing comes back within `seconds`.
std::string AskUdp(int port, const std::string& query, int seconds = 5) {
  FileDescriptor fd(socket(AF_INET, SOCK_DGRAM, 0));
  timeval timeout{seconds, 0};
  setsockopt(fd.get(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  sockaddr_in to = Loopback(port);
  sendto(fd.get(), query.data(), query.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof(to));
  std::string buffer(65535, '\0');
  ssize_t n = recv(fd.get(), buffer.data(), buffer.size(), 0);
  return n <= 0 ? "" : buffer.substr(0, static_cast<size_t>(n));
}

FileDescriptor ConnectTcp(int port) {
  FileDescriptor fd(socket(AF_INET, SOCK_STREAM, 0));
  timeval timeout{5, 0};
  setsockopt(fd.get(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  sockaddr_in to = Loopback(port);
  REQUIRE(connect(fd.get(), reinterpret_cast<sockaddr*>(&to), sizeof(to)) == 0);
  return fd;
}

std::string Framed(const std::string& message) {
  return std::string{static_cast<char>(message.size() >> 8), static_cast<char>(message.size() & 0xFF)} + message;
}

// Reads one length-prefixed response; "" when the server closed the connection.
std::string ReadFramed(int fd) {
  auto read_exactly = [fd](size_t n) {
    std::string out;
    while (out.size() < n) {
      char buffer[4096];
      ssize_t r = recv(fd, buffer, std::min(sizeof(buffer), n - out.size()), 0);
      if (r <= 0) return std::string();
      out.append(buffer, static_cast<size_t>(r));
    }
    return out;
  };
  std::string prefix = read_exactly(2);
  if (prefix.size() != 2) return "";
  return read_exactly((static_cast<uint8_t>(prefix[0]) << 8) | static_cast<uint8_t>(prefix[1]));
}

struct Running {
  ZoneSnapshot zone;
  QueryMetrics metrics;
  QueryHandler handler{zone, metrics};
  DnsServer server{handler};
  Running() {
    zone.Publish(testing::ServerTestZone());
    DnsServerOptions options;
    options.address = "127.0.0.1";
    options.port = 0;
    options.tcp_idle_timeout = absl::Seconds(2);
    REQUIRE(server.Start(options).ok());
    REQUIRE(server.port() > 0);
  }
};

TEST_CASE("the server answers over UDP on the port it picked", "[dns-server]") {
  Running r;
  std::string response = AskUdp(r.server.port(), QueryWire("web.default.svc.cluster.local", 1));
  REQUIRE_FALSE(response.empty());
  absl::StatusOr<Message> m = ParseMessage(response);
  REQUIRE(m.ok());
  CHECK(m->answers.size() == 1);
  // A big answer over UDP comes back truncated.
  absl::StatusOr<Message> big = ParseMessage(AskUdp(r.server.port(), QueryWire("big.default.svc.cluster.local", 1)));
  REQUIRE(big.ok());
  CHECK(big->header.tc);
}

TEST_CASE("the server answers several queries on one TCP connection", "[dns-server]") {
  Running r;
  FileDescriptor fd = ConnectTcp(r.server.port());
  // Two queries in one write, then a third: answered in order.
  std::string both = Framed(QueryWire("web.default.svc.cluster.local", 1)) +
                     Framed(QueryWire("big.default.svc.cluster.local", 1));
  REQUIRE(send(fd.get(), both.data(), both.size(), 0) == static_cast<ssize_t>(both.size()));
  absl::StatusOr<Message> first = ParseMessage(ReadFramed(fd.get()));
  REQUIRE(first.ok());
  CHECK(first->answers.size() == 1);
  absl::StatusOr<Message> second = ParseMessage(ReadFramed(fd.get()));
  REQUIRE(second.ok());
  CHECK_FALSE(second->header.tc);
  CHECK(second->answers.size() == 100);
  std::string third = Framed(QueryWire("nope.cluster.local", 1));
  REQUIRE(send(fd.get(), third.data(), third.size(), 0) == static_cast<ssize_t>(third.size()));
  absl::StatusOr<Message> nx = ParseMessage(ReadFramed(fd.get()));
  REQUIRE(nx.ok());
  CHECK(nx->rcode == Rcode::kNxDomain);
}

TEST_CASE("the server survives garbage over TCP and UDP", "[dns-server]") {
  Running r;
  {
    FileDescriptor fd = ConnectTcp(r.server.port());
    // A frame claiming 300 bytes that sends 3, then closes: the server just ends it.
    std::string partial = std::string{1, 44} + "abc";
    send(fd.get(), partial.data(), partial.size(), 0);
  }
  {
    FileDescriptor fd = ConnectTcp(r.server.port());
    std::string junk = Framed("0123456789abcdef");  // a header, then nonsense: FORMERR
    send(fd.get(), junk.data(), junk.size(), 0);
    absl::StatusOr<Message> m = ParseMessage(ReadFramed(fd.get()));
    REQUIRE(m.ok());
    CHECK(m->rcode == Rcode::kFormErr);
  }
  {
    // An idle connection is closed after the idle timeout (2 s here).
    FileDescriptor fd = ConnectTcp(r.server.port());
    CHECK(ReadFramed(fd.get()).empty());
  }
  CHECK(AskUdp(r.server.port(), "xy", 1).empty());  // a runt is dropped: no reply
  std::string response = AskUdp(r.server.port(), QueryWire("web.default.svc.cluster.local", 1));
  REQUIRE_FALSE(response.empty());
  CHECK(ParseMessage(response)->answers.size() == 1);
}

}  // namespace
}  // namespace kube::dns
