#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace kube::http {

// An owned socket descriptor, closed on destruction.
class OwnedSocket {
 public:
  OwnedSocket() = default;
  explicit OwnedSocket(int fd) : fd_(fd) {}
  ~OwnedSocket();
  OwnedSocket(OwnedSocket&& other) noexcept : fd_(other.Release()) {}
  OwnedSocket& operator=(OwnedSocket&& other) noexcept;
  OwnedSocket(const OwnedSocket&) = delete;
  OwnedSocket& operator=(const OwnedSocket&) = delete;

  int fd() const { return fd_; }
  int Release();

 private:
  int fd_ = -1;
};

// Opens a TCP connection to host:port (a numeric address or a name), waiting at
// most `timeout`; Unavailable naming the address when it cannot.
absl::StatusOr<OwnedSocket> ConnectTcp(const std::string& host, int port, absl::Duration timeout);

// Writes all of `data` to `fd`; Unavailable if the peer is gone.
absl::Status WriteAll(int fd, std::string_view data);

// Copies bytes both ways between a client socket and a backend socket: the
// client's end of sending is passed on as a half-close (shutdown SHUT_WR), and
// the whole exchange ends once the backend has closed (after relaying what it
// sent) or either socket fails. Blocks the calling thread; closes neither socket.
void Splice(int client, int backend);

}  // namespace kube::http
