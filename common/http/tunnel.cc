#include "common/http/tunnel.h"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/util/strings.h"

namespace kube::http {

OwnedSocket::~OwnedSocket() {
  if (fd_ >= 0) close(fd_);
}

OwnedSocket& OwnedSocket::operator=(OwnedSocket&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) close(fd_);
    fd_ = other.Release();
  }
  return *this;
}

int OwnedSocket::Release() {
  int fd = fd_;
  fd_ = -1;
  return fd;
}

namespace {

// One non-blocking connect attempt, then a wait for it to finish.
absl::StatusOr<OwnedSocket> ConnectOne(const addrinfo& address, absl::Duration timeout) {
  OwnedSocket sock(socket(address.ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (sock.fd() < 0) return absl::InternalError(std::strerror(errno));
  int flags = fcntl(sock.fd(), F_GETFL);
  fcntl(sock.fd(), F_SETFL, flags | O_NONBLOCK);
  if (connect(sock.fd(), address.ai_addr, address.ai_addrlen) != 0) {
    if (errno != EINPROGRESS) return absl::UnavailableError(std::strerror(errno));
    pollfd wait{sock.fd(), POLLOUT, 0};
    int ready = poll(&wait, 1, static_cast<int>(absl::ToInt64Milliseconds(timeout)));
    if (ready == 0) return absl::UnavailableError("connection timed out");
    int error = 0;
    socklen_t length = sizeof(error);
    getsockopt(sock.fd(), SOL_SOCKET, SO_ERROR, &error, &length);
    if (ready < 0 || error != 0) {
      return absl::UnavailableError(std::strerror(error != 0 ? error : errno));
    }
  }
  fcntl(sock.fd(), F_SETFL, flags);
  int yes = 1;
  setsockopt(sock.fd(), IPPROTO_TCP, TCP_NODELAY, &yes, sizeof(yes));
  return sock;
}

}  // namespace

absl::StatusOr<OwnedSocket> ConnectTcp(const std::string& host, int port,
                                       absl::Duration timeout) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const std::string where = kube::StrCat(host, ":", port);
  int resolved = getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found);
  if (resolved != 0) {
    return absl::UnavailableError(
        kube::StrCat("cannot resolve ", where, ": ", gai_strerror(resolved)));
  }
  absl::Status last = absl::UnavailableError("no address");
  for (addrinfo* address = found; address != nullptr; address = address->ai_next) {
    absl::StatusOr<OwnedSocket> sock = ConnectOne(*address, timeout);
    if (sock.ok()) {
      freeaddrinfo(found);
      return sock;
    }
    last = sock.status();
  }
  freeaddrinfo(found);
  return absl::UnavailableError(
      kube::StrCat("cannot connect to ", where, ": ", std::string(last.message())));
}

absl::Status WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t written = send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return absl::UnavailableError(std::strerror(errno));
    data.remove_prefix(static_cast<size_t>(written));
  }
  return absl::OkStatus();
}

void Splice(int client, int backend) {
  // open[i]: whether bytes may still flow from fds[i] to the other socket.
  const int fds[2] = {client, backend};
  bool open[2] = {true, true};
  char buffer[16384];
  while (open[0] || open[1]) {
    pollfd wait[2];
    int count = 0;
    int index[2];
    for (int i = 0; i < 2; ++i) {
      if (!open[i]) continue;
      wait[count] = pollfd{fds[i], POLLIN, 0};
      index[count++] = i;
    }
    int ready = poll(wait, count, -1);
    if (ready < 0) {
      if (errno == EINTR) continue;
      return;
    }
    for (int k = 0; k < count; ++k) {
      if (wait[k].revents == 0) continue;
      const int from = index[k];
      const int to = 1 - from;
      ssize_t got = recv(fds[from], buffer, sizeof(buffer), 0);
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) return;  // reset: the tunnel is broken both ways
      if (got == 0) {
        open[from] = false;
        shutdown(fds[to], SHUT_WR);
        // The backend is done: whatever the client still sends has nobody to
        // read it, and a client that keeps its end open must not hold us.
        if (from == 1) return;
        continue;
      }
      if (!WriteAll(fds[to], std::string_view(buffer, static_cast<size_t>(got))).ok()) return;
    }
  }
}

}  // namespace kube::http
