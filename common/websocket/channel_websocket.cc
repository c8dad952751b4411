#include "common/websocket/channel_websocket.h"

#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <deque>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "common/util/strings.h"

namespace kube::websocket {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;

std::string NegotiateProtocol(const std::vector<std::string>& offered_headers,
                              const std::vector<std::string>& supported) {
  std::vector<std::string> offered;
  for (const std::string& header : offered_headers) {
    for (absl::string_view part : absl::StrSplit(header, ',', absl::SkipWhitespace())) {
      offered.emplace_back(absl::StripAsciiWhitespace(part));
    }
  }
  for (const std::string& candidate : supported) {
    for (const std::string& offer : offered) {
      if (offer == candidate) return candidate;
    }
  }
  return "";
}

struct ChannelWebSocket::Impl {
  asio::io_context io;
  beast::websocket::stream<tcp::socket> ws{io};
  beast::flat_buffer buffer;
  std::string protocol;

  // Runs one asynchronous operation started by `start` (given its completion
  // handler) for at most `timeout`. A timed-out operation is cancelled, which
  // leaves the WebSocket unusable: callers treat a timeout as the end.
  template <typename Start>
  error_code RunFor(absl::Duration timeout, Start start) {
    std::optional<error_code> result;
    start([&result](error_code ec, auto&&...) { result = ec; });
    io.restart();
    if (timeout == absl::InfiniteDuration()) {
      io.run();
    } else {
      io.run_for(std::chrono::milliseconds(absl::ToInt64Milliseconds(timeout)));
    }
    if (!result.has_value()) {
      error_code ignored;
      beast::get_lowest_layer(ws).cancel(ignored);
      io.restart();
      io.run();
      return asio::error::timed_out;
    }
    return *result;
  }
};

ChannelWebSocket::ChannelWebSocket(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ChannelWebSocket::~ChannelWebSocket() = default;

const std::string& ChannelWebSocket::protocol() const { return impl_->protocol; }

absl::StatusOr<std::unique_ptr<ChannelWebSocket>> ChannelWebSocket::Accept(
    int fd, const UpgradeRequest& request, const std::string& protocol) {
  auto impl = std::make_unique<Impl>();
  sockaddr_storage local{};
  socklen_t length = sizeof(local);
  getsockname(fd, reinterpret_cast<sockaddr*>(&local), &length);
  error_code ec;
  impl->ws.next_layer().assign(local.ss_family == AF_INET6 ? tcp::v6() : tcp::v4(), fd, ec);
  if (ec) {
    close(fd);
    return absl::InternalError(kube::StrCat("cannot use the connection: ", ec.message()));
  }
  http::request<http::empty_body> upgrade;
  upgrade.method(http::verb::get);
  upgrade.target(request.target);
  upgrade.version(11);
  for (const auto& [name, value] : request.headers) upgrade.insert(name, value);
  impl->ws.set_option(beast::websocket::stream_base::decorator(
      [protocol](beast::websocket::response_type& response) {
        if (!protocol.empty()) response.set(http::field::sec_websocket_protocol, protocol);
      }));
  impl->ws.binary(true);
  impl->ws.accept(upgrade, ec);
  if (ec) return absl::InvalidArgumentError(kube::StrCat("WebSocket handshake: ", ec.message()));
  impl->protocol = protocol;
  return std::unique_ptr<ChannelWebSocket>(new ChannelWebSocket(std::move(impl)));
}

absl::StatusOr<std::unique_ptr<ChannelWebSocket>> ChannelWebSocket::Connect(
    const std::string& host, int port, const std::string& target,
    const std::vector<std::string>& protocols) {
  auto impl = std::make_unique<Impl>();
  error_code ec;
  tcp::resolver resolver(impl->io);
  auto endpoints = resolver.resolve(host, std::to_string(port), ec);
  if (!ec) asio::connect(impl->ws.next_layer(), endpoints, ec);
  if (ec) {
    return absl::UnavailableError(
        kube::StrCat("cannot connect to ", host, ":", port, ": ", ec.message()));
  }
  std::string offered;
  for (const std::string& protocol : protocols) {
    if (!offered.empty()) offered += ", ";
    offered += protocol;
  }
  impl->ws.set_option(beast::websocket::stream_base::decorator(
      [offered](beast::websocket::request_type& request) {
        if (!offered.empty()) request.set(http::field::sec_websocket_protocol, offered);
      }));
  impl->ws.binary(true);
  beast::websocket::response_type response;
  impl->ws.handshake(response, kube::StrCat(host, ":", port), target, ec);
  if (ec) {
    // Beast 1.74 does not hand back a declined answer: the client learns only
    // that the upgrade did not happen.
    return absl::FailedPreconditionError(
        kube::StrCat("WebSocket upgrade of ", target, " refused: ", ec.message()));
  }
  impl->protocol = std::string(response[http::field::sec_websocket_protocol]);
  return std::unique_ptr<ChannelWebSocket>(new ChannelWebSocket(std::move(impl)));
}

absl::Status ChannelWebSocket::Write(uint8_t channel, std::string_view data) {
  std::string message;
  message.reserve(data.size() + 1);
  message.push_back(static_cast<char>(channel));
  message.append(data);
  error_code ec;
  impl_->ws.write(asio::buffer(message), ec);
  if (ec) return absl::UnavailableError(kube::StrCat("WebSocket write: ", ec.message()));
  return absl::OkStatus();
}

absl::StatusOr<ChannelMessage> ChannelWebSocket::Read(absl::Duration timeout) {
  Impl& impl = *impl_;
  error_code ec = impl.RunFor(timeout, [&impl](auto handler) {
    impl.ws.async_read(impl.buffer, std::move(handler));
  });
  if (ec == beast::websocket::error::closed) return absl::OutOfRangeError("WebSocket closed");
  if (ec == asio::error::timed_out) return absl::DeadlineExceededError("WebSocket read timed out");
  if (ec) return absl::UnavailableError(kube::StrCat("WebSocket read: ", ec.message()));
  std::string payload = beast::buffers_to_string(impl.buffer.data());
  impl.buffer.consume(impl.buffer.size());
  ChannelMessage message;
  if (!payload.empty()) {
    message.channel = static_cast<uint8_t>(payload[0]);
    message.data = payload.substr(1);
  }
  return message;
}

absl::Status ChannelWebSocket::Close(absl::Duration timeout) {
  Impl& impl = *impl_;
  if (!impl.ws.is_open()) return absl::OkStatus();
  error_code ec = impl.RunFor(timeout, [&impl](auto handler) {
    impl.ws.async_close(beast::websocket::close_code::normal, std::move(handler));
  });
  if (ec && ec != beast::websocket::error::closed) {
    return absl::UnavailableError(kube::StrCat("WebSocket close: ", ec.message()));
  }
  return absl::OkStatus();
}

}  // namespace kube::websocket

namespace kube::websocket {
namespace {

// One relay's state, all touched only on the io_context's one thread.
class RelaySession {
 public:
  RelaySession(beast::websocket::stream<tcp::socket>& ws, beast::flat_buffer& ws_buffer,
               asio::io_context& io, int peer_fd, RelayPeer& peer, ChannelWebSocket::Framing framing)
      : ws_(ws), ws_buffer_(ws_buffer), peer_socket_(io), peer_(peer),
        raw_(framing == ChannelWebSocket::Framing::kRaw) {
    error_code ec;
    int own = ::dup(peer_fd);
    sockaddr_storage local{};
    socklen_t length = sizeof(local);
    getsockname(own, reinterpret_cast<sockaddr*>(&local), &length);
    peer_socket_.assign(local.ss_family == AF_INET6 ? tcp::v6() : tcp::v4(), own, ec);
    if (ec) {
      ::close(own);
      Fail(absl::InternalError(kube::StrCat("cannot use the peer connection: ", ec.message())));
    }
  }

  absl::Status Run(asio::io_context& io) {
    if (!status_.ok()) return status_;
    ReadClient();
    ReadPeer();
    io.restart();
    io.run();
    return status_;
  }

 private:
  void Fail(absl::Status status) {
    if (status_.ok() && !status.ok()) status_ = std::move(status);
    Stop();
  }
  void Stop() {
    if (stopped_) return;
    stopped_ = true;
    error_code ignored;
    peer_socket_.cancel(ignored);
    peer_socket_.close(ignored);
    beast::get_lowest_layer(ws_).cancel(ignored);
  }

  void ReadClient() {
    ws_.async_read(ws_buffer_, [this](error_code ec, size_t) {
      if (stopped_) return;
      if (ec) {
        // The client went away (or closed): nothing more to relay.
        if (ec != beast::websocket::error::closed) {
          Fail(absl::UnavailableError(kube::StrCat("WebSocket read: ", ec.message())));
        } else {
          Stop();
        }
        return;
      }
      std::string payload = beast::buffers_to_string(ws_buffer_.data());
      ws_buffer_.consume(ws_buffer_.size());
      ChannelMessage message;
      if (raw_) {
        message.data = std::move(payload);
      } else if (!payload.empty()) {
        message.channel = static_cast<uint8_t>(payload[0]);
        message.data = payload.substr(1);
      }
      std::string to_peer;
      if (absl::Status status = peer_.FromClient(message, to_peer); !status.ok()) {
        return Fail(status);
      }
      SendPeer(std::move(to_peer));
      ReadClient();
    });
  }

  void ReadPeer() {
    peer_socket_.async_read_some(asio::buffer(peer_chunk_), [this](error_code ec, size_t n) {
      if (stopped_) return;
      std::vector<ChannelMessage> to_client;
      std::string to_peer;
      bool done = false;
      absl::Status status = peer_.FromPeer(ec ? std::string_view() : std::string_view(peer_chunk_, n),
                                           to_client, to_peer, done);
      if (!status.ok()) return Fail(status);
      for (ChannelMessage& message : to_client) {
        if (raw_) {
          if (!message.data.empty()) client_queue_.push_back(std::move(message.data));
          continue;
        }
        std::string frame;
        frame.reserve(message.data.size() + 1);
        frame.push_back(static_cast<char>(message.channel));
        frame.append(message.data);
        client_queue_.push_back(std::move(frame));
      }
      if (ec || done) {
        peer_done_ = true;
      } else {
        SendPeer(std::move(to_peer));
        ReadPeer();
      }
      PumpClient();
    });
  }

  void SendPeer(std::string bytes) {
    if (bytes.empty()) return;
    peer_queue_.push_back(std::move(bytes));
    PumpPeer();
  }
  void PumpPeer() {
    if (peer_writing_ || peer_queue_.empty() || stopped_) return;
    peer_writing_ = true;
    asio::async_write(peer_socket_, asio::buffer(peer_queue_.front()), [this](error_code ec, size_t) {
      peer_writing_ = false;
      if (stopped_) return;
      if (ec) return Fail(absl::UnavailableError(kube::StrCat("relay write: ", ec.message())));
      peer_queue_.pop_front();
      PumpPeer();
    });
  }

  // Sends queued messages to the client one at a time; once the peer is done and
  // all is sent, closes the WebSocket.
  void PumpClient() {
    if (client_writing_ || stopped_) return;
    if (client_queue_.empty()) {
      if (peer_done_ && !closing_) {
        closing_ = true;
        ws_.async_close(beast::websocket::close_code::normal, [this](error_code) { Stop(); });
      }
      return;
    }
    client_writing_ = true;
    ws_.async_write(asio::buffer(client_queue_.front()), [this](error_code ec, size_t) {
      client_writing_ = false;
      if (stopped_) return;
      if (ec) return Fail(absl::UnavailableError(kube::StrCat("WebSocket write: ", ec.message())));
      client_queue_.pop_front();
      PumpClient();
    });
  }

  beast::websocket::stream<tcp::socket>& ws_;
  beast::flat_buffer& ws_buffer_;
  tcp::socket peer_socket_;
  RelayPeer& peer_;
  const bool raw_;  // Framing::kRaw: no channel bytes
  char peer_chunk_[16384];
  std::deque<std::string> client_queue_;  // whole messages (channel byte first)
  std::deque<std::string> peer_queue_;
  bool client_writing_ = false;
  bool peer_writing_ = false;
  bool peer_done_ = false;
  bool closing_ = false;
  bool stopped_ = false;
  absl::Status status_;
};

}  // namespace

absl::Status ChannelWebSocket::Relay(int peer_fd, RelayPeer& peer, Framing framing) {
  RelaySession session(impl_->ws, impl_->buffer, impl_->io, peer_fd, peer, framing);
  return session.Run(impl_->io);
}

}  // namespace kube::websocket
