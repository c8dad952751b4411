#include "common/http/upgradable_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/time/clock.h"
#include "common/tls/tls_connection.h"
#include "common/tls/tls_relay.h"

namespace kube::http {
namespace {

// Carries the socket from the serving loop to the handler. Set by the server
// after the request's own headers are read, so a client cannot choose its value.
constexpr char kSocketHeader[] = "X-Kube-Internal-Connection-Socket";

// A client that connects and says nothing does not hold a thread for longer.
constexpr absl::Duration kHandshakeTimeout = absl::Seconds(10);

bool WaitFor(int fd, short events, time_t seconds, time_t microseconds) {
  int timeout_ms = static_cast<int>(seconds * 1000 + microseconds / 1000);
  pollfd wait{fd, events, 0};
  while (true) {
    int ready = poll(&wait, 1, timeout_ms);
    if (ready < 0 && errno == EINTR) continue;
    return ready > 0;
  }
}

std::string AddressText(const sockaddr_storage& address, int& port) {
  char text[INET6_ADDRSTRLEN] = {};
  if (address.ss_family == AF_INET) {
    const auto& v4 = reinterpret_cast<const sockaddr_in&>(address);
    inet_ntop(AF_INET, &v4.sin_addr, text, sizeof(text));
    port = ntohs(v4.sin_port);
  } else if (address.ss_family == AF_INET6) {
    const auto& v6 = reinterpret_cast<const sockaddr_in6&>(address);
    inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof(text));
    port = ntohs(v6.sin6_port);
  }
  return text;
}

}  // namespace

// httplib's own socket stream is not part of its public header: this is ours, one
// per connection, buffering reads (httplib reads request lines a byte at a time).
// Bytes a client sends after an upgrade request, before the answer, would stay in
// the buffer; WebSocket clients wait for the 101 first.
//
// Over TLS it reads and writes through its TlsConnection, which it owns until a
// handler takes the connection (ReleaseTls); from then on it neither reads nor
// writes, and the socket is the relay's to close.
class UpgradableServer::ConnectionStream final : public httplib::Stream {
 public:
  ConnectionStream(int fd, const UpgradableServer& server,
                   std::unique_ptr<tls::TlsConnection> tls)
      : fd_(fd), server_(server), tls_(std::move(tls)) {
    if (tls_ != nullptr) SSL_set_app_data(tls_->ssl(), this);
  }
  ~ConnectionStream() override {
    if (tls_ != nullptr) tls_->Shutdown();  // close_notify; the connection closes the socket
  }

  bool has_buffered() const {
    return begin_ < buffer_.size() || (tls_ != nullptr && tls_->HasBufferedData());
  }
  bool tls() const { return tls_ != nullptr || taken_; }
  bool taken() const { return taken_; }
  SSL* ssl() const { return tls_ != nullptr ? tls_->ssl() : nullptr; }

  // Hands the TLS connection over (once; null afterwards or for plain HTTP).
  std::unique_ptr<tls::TlsConnection> ReleaseTls() {
    if (tls_ == nullptr) return nullptr;
    SSL_set_app_data(tls_->ssl(), nullptr);
    taken_ = true;
    return std::move(tls_);
  }

  // httplib::Stream
  bool is_readable() const override {
    return has_buffered() ||
           WaitFor(fd_, POLLIN, server_.read_timeout_sec_, server_.read_timeout_usec_);
  }
  bool is_writable() const override {
    return WaitFor(fd_, POLLOUT, server_.write_timeout_sec_, server_.write_timeout_usec_);
  }
  ssize_t read(char* ptr, size_t size) override {
    if (taken_) return -1;
    if (begin_ >= buffer_.size()) {
      if (!is_readable()) return -1;
      if (size >= kBufferSize) return Receive(ptr, size);  // a body: skip the buffer
      buffer_.resize(kBufferSize);
      ssize_t got = Receive(buffer_.data(), buffer_.size());
      if (got <= 0) {
        buffer_.clear();
        begin_ = 0;
        return got;
      }
      buffer_.resize(static_cast<size_t>(got));
      begin_ = 0;
    }
    size_t n = std::min(size, buffer_.size() - begin_);
    std::memcpy(ptr, buffer_.data() + begin_, n);
    begin_ += n;
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char* ptr, size_t size) override {
    if (taken_) return -1;
    if (tls_ != nullptr) return tls_->Write(ptr, size);
    if (!is_writable()) return -1;
    ssize_t sent;
    do {
      sent = send(fd_, ptr, size, MSG_NOSIGNAL);
    } while (sent < 0 && errno == EINTR);
    return sent;
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage address{};
    socklen_t length = sizeof(address);
    if (getpeername(fd_, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
      ip = AddressText(address, port);
    }
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage address{};
    socklen_t length = sizeof(address);
    if (getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
      ip = AddressText(address, port);
    }
  }
  socket_t socket() const override { return fd_; }

 private:
  static constexpr size_t kBufferSize = 4096;

  ssize_t Receive(char* ptr, size_t size) {
    if (tls_ != nullptr) return tls_->Read(ptr, size);
    ssize_t got;
    do {
      got = recv(fd_, ptr, size, 0);
    } while (got < 0 && errno == EINTR);
    return got;
  }

  const int fd_;
  const UpgradableServer& server_;
  std::unique_ptr<tls::TlsConnection> tls_;  // null for plain HTTP, or once taken
  bool taken_ = false;                       // a handler took the TLS connection
  std::string buffer_;
  size_t begin_ = 0;  // the first byte of buffer_ not read yet
};

bool UpgradableServer::WaitForRequest(const ConnectionStream& stream) const {
  if (stream.has_buffered()) return true;  // the client sent its next request already
  const absl::Time deadline = absl::Now() + absl::Seconds(keep_alive_timeout_sec_);
  // Short polls so that stop() (which invalidates svr_sock_) ends idle
  // connections promptly, as httplib's own loop does.
  while (svr_sock_ != INVALID_SOCKET) {
    pollfd wait{stream.socket(), POLLIN, 0};
    int ready = poll(&wait, 1, 50);
    if (ready > 0) return true;
    if (ready < 0 && errno != EINTR) return false;
    if (absl::Now() >= deadline) return false;
  }
  return false;
}

void UpgradableServer::stop() {
  {
    absl::MutexLock lock(&mu_);
    for (int sock : connections_) shutdown(sock, SHUT_RDWR);
  }
  httplib::Server::stop();
}

void UpgradableServer::EnableTls(tls::SslCtxPtr context) { tls_context_ = std::move(context); }

bool UpgradableServer::process_and_close_socket(socket_t sock) {
  {
    absl::MutexLock lock(&mu_);
    connections_.insert(sock);
  }
  auto forget = [this, sock] {
    absl::MutexLock lock(&mu_);
    connections_.erase(sock);
  };
  std::unique_ptr<tls::TlsConnection> tls;
  if (tls_context_ != nullptr) {
    absl::StatusOr<std::unique_ptr<tls::TlsConnection>> accepted =
        tls::TlsConnection::Accept(sock, tls_context_.get(), kHandshakeTimeout);
    if (!accepted.ok()) {  // Accept has closed the socket
      forget();
      return false;
    }
    tls = std::move(*accepted);
  }
  bool ok = false;
  {
    ConnectionStream stream(sock, *this, std::move(tls));
    for (size_t left = keep_alive_max_count_; left > 0; --left) {
      if (!WaitForRequest(stream)) break;
      bool connection_closed = false;
      ok = process_request(stream, /*close_connection=*/left == 1, connection_closed,
                           [sock, &stream](httplib::Request& request) {
                             request.headers.erase(kSocketHeader);
                             request.set_header(kSocketHeader, std::to_string(sock));
                             request.ssl = stream.ssl();
                           });
      if (!ok || connection_closed || stream.taken()) break;
    }
    forget();
    if (!stream.tls()) shutdown(sock, SHUT_RDWR);
  }  // a TLS connection closes its socket here, unless taken: then its relay owns it
  if (tls_context_ == nullptr) close(sock);
  return ok;
}

int ConnectionSocket(const httplib::Request& request) {
  int fd = -1;
  if (!absl::SimpleAtoi(request.get_header_value(kSocketHeader), &fd)) return -1;
  return fd;
}

absl::StatusOr<std::unique_ptr<TakenConnection>> TakenConnection::Take(
    const httplib::Request& request) {
  if (request.ssl != nullptr) {
    auto* stream = static_cast<UpgradableServer::ConnectionStream*>(SSL_get_app_data(request.ssl));
    std::unique_ptr<tls::TlsConnection> connection =
        stream != nullptr ? stream->ReleaseTls() : nullptr;
    if (connection == nullptr) return absl::FailedPreconditionError("the connection was taken");
    absl::StatusOr<int> plain = tls::RelayToPlainSocket(std::move(connection));
    if (!plain.ok()) return plain.status();
    return std::unique_ptr<TakenConnection>(new TakenConnection(*plain, -1));
  }
  int server_fd = ConnectionSocket(request);
  if (server_fd < 0) {
    return absl::FailedPreconditionError("this server cannot hand over its connections");
  }
  int fd = dup(server_fd);
  if (fd < 0) return absl::InternalError("cannot duplicate the connection's socket");
  return std::unique_ptr<TakenConnection>(new TakenConnection(fd, server_fd));
}

TakenConnection::~TakenConnection() {
  if (server_fd_ >= 0) shutdown(server_fd_, SHUT_RDWR);
  if (fd_ >= 0) close(fd_);
}

int TakenConnection::Release() {
  int fd = fd_;
  fd_ = -1;
  return fd;
}

}  // namespace kube::http
