#include "cluster-dns/server/socket.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/status/status.h"
#include "common/util/strings.h"

namespace kube::dns {

FileDescriptor& FileDescriptor::operator=(FileDescriptor&& other) noexcept {
  if (this != &other) {
    Reset();
    fd_ = other.Release();
  }
  return *this;
}

int FileDescriptor::Release() {
  int fd = fd_;
  fd_ = -1;
  return fd;
}

void FileDescriptor::Reset() {
  if (fd_ >= 0) close(fd_);
  fd_ = -1;
}

absl::StatusOr<SocketAddress> ResolveNumeric(const std::string& address, int port) {
  if (port < 0 || port > 65535) return absl::InvalidArgumentError(StrCat("port out of range: ", port));
  SocketAddress out;
  auto* v4 = reinterpret_cast<sockaddr_in*>(&out.storage);
  auto* v6 = reinterpret_cast<sockaddr_in6*>(&out.storage);
  if (inet_pton(AF_INET, address.c_str(), &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons(static_cast<uint16_t>(port));
    out.length = sizeof(sockaddr_in);
  } else if (inet_pton(AF_INET6, address.c_str(), &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(static_cast<uint16_t>(port));
    out.length = sizeof(sockaddr_in6);
  } else {
    return absl::InvalidArgumentError(StrCat("not an IP address: ", address));
  }
  return out;
}

namespace {

absl::StatusOr<FileDescriptor> Bind(const SocketAddress& address, int type) {
  FileDescriptor fd(socket(address.storage.ss_family, type | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (!fd.valid()) return absl::UnavailableError(StrCat("socket: ", strerror(errno)));
  int one = 1;
  // TCP only: lets a restarted server rebind while old connections sit in TIME_WAIT.
  if (type == SOCK_STREAM) setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  if (bind(fd.get(), reinterpret_cast<const sockaddr*>(&address.storage), address.length) != 0) {
    return absl::UnavailableError(StrCat("bind: ", strerror(errno)));
  }
  return fd;
}

bool Wait(int fd, short events, absl::Duration timeout) {
  pollfd p{fd, events, 0};
  int ms = static_cast<int>(absl::ToInt64Milliseconds(timeout));
  int n;
  do {
    n = poll(&p, 1, ms < 0 ? 0 : ms);
  } while (n < 0 && errno == EINTR);
  return n > 0;
}

}  // namespace

absl::StatusOr<FileDescriptor> BindUdp(const SocketAddress& address) { return Bind(address, SOCK_DGRAM); }

absl::StatusOr<FileDescriptor> ListenTcp(const SocketAddress& address) {
  absl::StatusOr<FileDescriptor> fd = Bind(address, SOCK_STREAM);
  if (!fd.ok()) return fd;
  if (listen(fd->get(), 128) != 0) return absl::UnavailableError(StrCat("listen: ", strerror(errno)));
  return fd;
}

int LocalPort(int fd) {
  sockaddr_storage storage{};
  socklen_t length = sizeof(storage);
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&storage), &length) != 0) return 0;
  if (storage.ss_family == AF_INET) return ntohs(reinterpret_cast<sockaddr_in*>(&storage)->sin_port);
  return ntohs(reinterpret_cast<sockaddr_in6*>(&storage)->sin6_port);
}

bool WaitReadable(int fd, absl::Duration timeout) { return Wait(fd, POLLIN, timeout); }
bool WaitWritable(int fd, absl::Duration timeout) { return Wait(fd, POLLOUT, timeout); }

}  // namespace kube::dns
