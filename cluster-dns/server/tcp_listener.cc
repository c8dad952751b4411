#include "cluster-dns/server/tcp_listener.h"

#include <sys/socket.h>

#include <cerrno>

#include "absl/time/clock.h"
#include "common/log/log.h"

namespace kube::dns {
namespace {

constexpr absl::Duration kTcpPollInterval = absl::Milliseconds(200);

// Reads exactly `n` bytes into `out` unless the peer closes, `deadline` passes or
// `stopping` is set. Partial reads are resumed; nothing is read past `n`.
bool ReadFull(int fd, char* out, size_t n, absl::Time deadline, const std::atomic<bool>& stopping) {
  size_t got = 0;
  while (got < n) {
    if (stopping || absl::Now() >= deadline) return false;
    if (!WaitReadable(fd, std::min(kTcpPollInterval, deadline - absl::Now()))) continue;
    ssize_t r = recv(fd, out + got, n - got, 0);
    if (r == 0) return false;  // closed by the peer (or by Stop's shutdown)
    if (r < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) continue;
      return false;
    }
    got += static_cast<size_t>(r);
  }
  return true;
}

bool WriteFull(int fd, const std::string& data, absl::Time deadline, const std::atomic<bool>& stopping) {
  size_t sent = 0;
  while (sent < data.size()) {
    if (stopping || absl::Now() >= deadline) return false;
    if (!WaitWritable(fd, std::min(kTcpPollInterval, deadline - absl::Now()))) continue;
    ssize_t w = send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (w < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) continue;
      return false;
    }
    sent += static_cast<size_t>(w);
  }
  return true;
}

}  // namespace

TcpListener::TcpListener(FileDescriptor socket, const QueryHandler& handler, int max_connections,
                         absl::Duration idle_timeout)
    : socket_(std::move(socket)),
      handler_(handler),
      max_connections_(max_connections),
      idle_timeout_(idle_timeout) {}

TcpListener::~TcpListener() { Stop(); }

void TcpListener::Start() { accept_thread_ = std::thread([this] { AcceptLoop(); }); }

void TcpListener::Stop() {
  stopping_ = true;
  if (accept_thread_.joinable()) accept_thread_.join();
  std::list<std::unique_ptr<Connection>> connections;
  {
    absl::MutexLock lock(&mu_);
    connections.swap(connections_);
  }
  for (auto& c : connections) shutdown(c->fd.get(), SHUT_RDWR);  // wakes a blocked read
  for (auto& c : connections) {
    if (c->thread.joinable()) c->thread.join();
  }
}

void TcpListener::ReapFinished() {
  std::list<std::unique_ptr<Connection>> finished;
  {
    absl::MutexLock lock(&mu_);
    for (auto it = connections_.begin(); it != connections_.end();) {
      if ((*it)->done) {
        finished.push_back(std::move(*it));
        it = connections_.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (auto& c : finished) c->thread.join();  // then the fd closes
}

void TcpListener::AcceptLoop() {
  while (!stopping_) {
    ReapFinished();
    if (!WaitReadable(socket_.get(), kTcpPollInterval)) continue;
    FileDescriptor fd(accept4(socket_.get(), nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK));
    if (!fd.valid()) continue;  // the client went away first, or EAGAIN
    absl::MutexLock lock(&mu_);
    if (static_cast<int>(connections_.size()) >= max_connections_) {
      VLOG(1) << "tcp: " << max_connections_ << " connections open; closing a new one";
      continue;  // fd closes here
    }
    auto connection = std::make_unique<Connection>();
    connection->fd = std::move(fd);
    Connection* c = connection.get();
    connections_.push_back(std::move(connection));
    c->thread = std::thread([this, c] {
      Serve(*c);
      c->done = true;
    });
  }
}

void TcpListener::Serve(Connection& connection) {
  const int fd = connection.fd.get();
  std::string message;
  while (!stopping_) {
    char prefix[2];
    if (!ReadFull(fd, prefix, 2, absl::Now() + idle_timeout_, stopping_)) return;
    const size_t length = (static_cast<uint8_t>(prefix[0]) << 8) | static_cast<uint8_t>(prefix[1]);
    if (length == 0) return;
    message.resize(length);
    if (!ReadFull(fd, message.data(), length, absl::Now() + idle_timeout_, stopping_)) return;
    std::optional<std::string> response = handler_.Handle(message, Transport::kTcp);
    if (!response.has_value()) return;  // not a query: end the conversation
    std::string framed;
    framed.reserve(response->size() + 2);
    framed.push_back(static_cast<char>(response->size() >> 8));
    framed.push_back(static_cast<char>(response->size() & 0xFF));
    framed += *response;
    if (!WriteFull(fd, framed, absl::Now() + idle_timeout_, stopping_)) return;
  }
}

}  // namespace kube::dns
