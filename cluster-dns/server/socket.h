#pragma once

#include <sys/socket.h>

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace kube::dns {

// An owned file descriptor, closed on destruction.
class FileDescriptor {
 public:
  FileDescriptor() = default;
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() { Reset(); }
  FileDescriptor(FileDescriptor&& other) noexcept : fd_(other.Release()) {}
  FileDescriptor& operator=(FileDescriptor&& other) noexcept;
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  int Release();
  void Reset();

 private:
  int fd_ = -1;
};

// A numeric IPv4 or IPv6 address and port (no name lookups: nothing leaves the
// machine to resolve a bind address).
struct SocketAddress {
  sockaddr_storage storage{};
  socklen_t length = 0;
};
absl::StatusOr<SocketAddress> ResolveNumeric(const std::string& address, int port);

// A bound socket: SOCK_DGRAM, or SOCK_STREAM listening. Unavailable when the
// address cannot be bound (in use, not permitted).
absl::StatusOr<FileDescriptor> BindUdp(const SocketAddress& address);
absl::StatusOr<FileDescriptor> ListenTcp(const SocketAddress& address);

// The port a bound socket ended up on (after binding port 0).
int LocalPort(int fd);

// Waits up to `timeout` for `fd` to be readable (or writable); false on timeout.
bool WaitReadable(int fd, absl::Duration timeout);
bool WaitWritable(int fd, absl::Duration timeout);

}  // namespace kube::dns
