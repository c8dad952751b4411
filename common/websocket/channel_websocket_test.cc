#include "common/websocket/channel_websocket.h"

#include <catch2/catch.hpp>
#include <csignal>
#include <thread>

#include "common/http/upgradable_server.h"

namespace kube::websocket {
namespace {

TEST_CASE("the first supported subprotocol the client offers wins") {
  CHECK(NegotiateProtocol({"v5.channel.k8s.io"}, {kProtocolV5, kProtocolV4}) == kProtocolV5);
  CHECK(NegotiateProtocol({"v4.channel.k8s.io, v5.channel.k8s.io"}, {kProtocolV5, kProtocolV4}) ==
        kProtocolV5);
  CHECK(NegotiateProtocol({"channel.k8s.io", "v4.channel.k8s.io"}, {kProtocolV5, kProtocolV4}) ==
        kProtocolV4);
  CHECK(NegotiateProtocol({"SPDY/3.1+portforward.k8s.io"}, {kProtocolV5}).empty());
  CHECK(NegotiateProtocol({}, {kProtocolV5}).empty());
}

// A server whose /ws echoes each message back on channel+1 until the client
// closes, then reports what it saw.
TEST_CASE("channel messages go both ways over an upgraded connection") {
  std::signal(SIGPIPE, SIG_IGN);
  http::UpgradableServer server;
  std::string server_error;
  server.Get("/ws", [&](const httplib::Request& request, httplib::Response&) {
    std::string protocol = NegotiateProtocol({request.get_header_value("Sec-WebSocket-Protocol")},
                                             {kProtocolV5, kProtocolV4});
    auto taken = http::TakenConnection::Take(request);
    if (!taken.ok()) {
      server_error = std::string(taken.status().message());
      return;
    }
    UpgradeRequest upgrade{request.target, {}};
    for (const auto& [name, value] : request.headers) upgrade.headers.emplace_back(name, value);
    auto ws = ChannelWebSocket::Accept((*taken)->Release(), upgrade, protocol);
    if (!ws.ok()) {
      server_error = std::string(ws.status().message());
      return;
    }
    while (true) {
      absl::StatusOr<ChannelMessage> message = (*ws)->Read(absl::Seconds(10));
      if (!message.ok()) {
        if (!absl::IsOutOfRange(message.status())) {
          server_error = std::string(message.status().message());
        }
        return;
      }
      if (!(*ws)->Write(message->channel + 1, message->data).ok()) return;
    }
  });
  int port = server.bind_to_any_port("127.0.0.1");
  std::thread serving([&] { server.listen_after_bind(); });
  while (!server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));

  auto client = ChannelWebSocket::Connect("127.0.0.1", port, "/ws?x=1",
                                          {kProtocolV5, kProtocolV4});
  REQUIRE(client.ok());
  CHECK((*client)->protocol() == kProtocolV5);
  REQUIRE((*client)->Write(kStdin, "hello").ok());
  auto echoed = (*client)->Read(absl::Seconds(10));
  REQUIRE(echoed.ok());
  CHECK(echoed->channel == kStdout);
  CHECK(echoed->data == "hello");
  std::string big(100000, 'x');
  REQUIRE((*client)->Write(kStdout, big).ok());
  echoed = (*client)->Read(absl::Seconds(10));
  REQUIRE(echoed.ok());
  CHECK(echoed->channel == kStderr);
  CHECK(echoed->data == big);
  CHECK((*client)->Close(absl::Seconds(5)).ok());

  // A plain request to a path that does not upgrade is refused with its status.
  auto refused = ChannelWebSocket::Connect("127.0.0.1", port, "/missing", {kProtocolV5});
  CHECK(absl::IsFailedPrecondition(refused.status()));

  server.stop();
  serving.join();
  CHECK(server_error.empty());
}

TEST_CASE("a read times out when nothing comes") {
  std::signal(SIGPIPE, SIG_IGN);
  http::UpgradableServer server;
  server.Get("/quiet", [](const httplib::Request& request, httplib::Response&) {
    auto taken = http::TakenConnection::Take(request);
    REQUIRE(taken.ok());
    UpgradeRequest upgrade{request.target, {}};
    for (const auto& [name, value] : request.headers) upgrade.headers.emplace_back(name, value);
    auto ws = ChannelWebSocket::Accept((*taken)->Release(), upgrade, kProtocolV4);
    REQUIRE(ws.ok());
    (void)(*ws)->Read(absl::Seconds(5));  // until the client goes
  });
  int port = server.bind_to_any_port("127.0.0.1");
  std::thread serving([&] { server.listen_after_bind(); });
  while (!server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  auto client = ChannelWebSocket::Connect("127.0.0.1", port, "/quiet", {kProtocolV4});
  REQUIRE(client.ok());
  CHECK((*client)->protocol() == kProtocolV4);
  absl::Time start = absl::Now();
  CHECK(absl::IsDeadlineExceeded((*client)->Read(absl::Milliseconds(200)).status()));
  CHECK(absl::Now() - start < absl::Seconds(3));
  client->reset();
  server.stop();
  serving.join();
}

}  // namespace
}  // namespace kube::websocket
