#pragma once

#include <httplib.h>

#include <memory>
#include <set>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"

namespace kube::http {

// A cpp-httplib server whose handlers may take over the connection a request came
// on: what HTTP Upgrade (WebSocket) and byte tunnels need, which cpp-httplib 0.11
// does not offer. Every other request is served exactly as httplib::Server does.
//
// How: the server serves each connection itself (the keep-alive loop httplib runs,
// rewritten because httplib's is private) and tells every request which socket it
// came on, in a header that a client cannot forge (it is replaced on each request).
class UpgradableServer : public httplib::Server {
 public:
  // Stops listening and shuts every open connection down, taken ones included,
  // so that streams (watches, followed logs, tunnels, execs) end now rather than
  // when their clients go. Hides httplib::Server::stop (not virtual): call it on
  // an UpgradableServer.
  void stop();

 private:
  class ConnectionStream;

  // httplib::Server
  bool process_and_close_socket(socket_t sock) override;

  // Waits until a request starts on the connection (false: keep-alive timeout,
  // closed, or the server stops).
  bool WaitForRequest(const ConnectionStream& stream) const;

  absl::Mutex mu_;
  std::set<int> connections_ ABSL_GUARDED_BY(mu_);  // sockets being served
};

// A connection a handler took over from an UpgradableServer. The handler speaks
// on it (writing its own status line, e.g. 101) and must be done before it
// returns: the server thread is still inside the handler, and once the handler
// returns the server drops whatever response it would have written and closes
// the connection. Thread-compatible.
class TakenConnection {
 public:
  // Takes the connection of `request`; FailedPrecondition if the request was not
  // served by an UpgradableServer.
  static absl::StatusOr<std::unique_ptr<TakenConnection>> Take(const httplib::Request& request);
  // Shuts the connection down (both ways), so the server's own response fails.
  ~TakenConnection();
  TakenConnection(const TakenConnection&) = delete;
  TakenConnection& operator=(const TakenConnection&) = delete;

  // The connection's socket, owned by this object (a duplicate of the server's).
  int fd() const { return fd_; }
  // Hands the socket to the caller (e.g. a WebSocket stream that closes it); the
  // connection is still shut down when this object goes.
  int Release();

 private:
  TakenConnection(int fd, int server_fd) : fd_(fd), server_fd_(server_fd) {}

  int fd_;               // owned unless released; -1 after Release
  const int server_fd_;  // the server's descriptor (not owned): shut down at the end
};

// The socket a request served by an UpgradableServer came on (borrowed: valid
// while the handler runs), e.g. to notice that a streaming client went away.
// -1 for other servers.
int ConnectionSocket(const httplib::Request& request);

}  // namespace kube::http
