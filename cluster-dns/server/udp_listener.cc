#include "cluster-dns/server/udp_listener.h"

#include <sys/socket.h>

#include <cerrno>

#include "common/log/log.h"

namespace kube::dns {
namespace {

// How often an idle worker looks at stopping_.
constexpr absl::Duration kUdpPollInterval = absl::Milliseconds(200);

}  // namespace

UdpListener::UdpListener(FileDescriptor socket, const QueryHandler& handler, int workers)
    : socket_(std::move(socket)), handler_(handler), worker_count_(workers < 1 ? 1 : workers) {}

UdpListener::~UdpListener() { Stop(); }

void UdpListener::Start() {
  for (int i = 0; i < worker_count_; ++i) workers_.emplace_back([this] { Serve(); });
}

void UdpListener::Stop() {
  stopping_ = true;
  for (std::thread& worker : workers_) {
    if (worker.joinable()) worker.join();
  }
  workers_.clear();
}

void UdpListener::Serve() {
  // The largest UDP payload; anything longer is cut by the kernel (MSG_TRUNC),
  // and a cut message is then malformed, which the handler answers with FORMERR.
  std::string buffer(65535, '\0');
  while (!stopping_) {
    if (!WaitReadable(socket_.get(), kUdpPollInterval)) continue;
    sockaddr_storage peer{};
    socklen_t peer_length = sizeof(peer);
    ssize_t n = recvfrom(socket_.get(), buffer.data(), buffer.size(), 0,
                         reinterpret_cast<sockaddr*>(&peer), &peer_length);
    if (n < 0) {
      // Another worker took the datagram, or an ICMP error surfaced: not fatal.
      if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
        VLOG(2) << "udp recvfrom: " << strerror(errno);
      }
      continue;
    }
    std::optional<std::string> response =
        handler_.Handle(std::string_view(buffer.data(), static_cast<size_t>(n)), Transport::kUdp);
    if (!response.has_value()) continue;
    if (sendto(socket_.get(), response->data(), response->size(), 0,
               reinterpret_cast<const sockaddr*>(&peer), peer_length) < 0) {
      VLOG(2) << "udp sendto: " << strerror(errno);
    }
  }
}

}  // namespace kube::dns
