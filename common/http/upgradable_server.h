#pragma once

#include <httplib.h>

#include <memory>
#include <set>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/tls/openssl_ptr.h"

namespace kube::http {

// A cpp-httplib server whose handlers may take over the connection a request came
// on: what HTTP Upgrade (WebSocket) and byte tunnels need, which cpp-httplib 0.11
// does not offer. Every other request is served exactly as httplib::Server does.
//
// How: the server serves each connection itself (the keep-alive loop httplib runs,
// rewritten because httplib's is private) and tells every request which socket it
// came on, in a header that a client cannot forge (it is replaced on each request).
//
// With EnableTls it serves HTTPS: each connection's TLS handshake runs on the
// thread that serves it, handlers see the peer through Request::ssl, and a taken
// TLS connection reaches its handler as a plain socket relayed to the TLS one.
class UpgradableServer : public httplib::Server {
 public:
  // Serves every connection over TLS with `context`. Call before listening.
  void EnableTls(tls::SslCtxPtr context);

  // Stops listening and shuts every open connection down, taken ones included,
  // so that streams (watches, followed logs, tunnels, execs) end now rather than
  // when their clients go. Hides httplib::Server::stop (not virtual): call it on
  // an UpgradableServer.
  void stop();

 private:
  class ConnectionStream;
  friend class TakenConnection;  // takes a TLS connection from its ConnectionStream

  // httplib::Server
  bool process_and_close_socket(socket_t sock) override;

  // Waits until a request starts on the connection (false: keep-alive timeout,
  // closed, or the server stops).
  bool WaitForRequest(const ConnectionStream& stream) const;

  tls::SslCtxPtr tls_context_;  // set before listening, then read-only; null: plain HTTP
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
  // served by an UpgradableServer. A TLS connection is handed over as a plain
  // socket that a thread relays to it (tls::RelayToPlainSocket) until either side
  // closes.
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
  // The server's descriptor (not owned), shut down at the end; -1 for TLS
  // connections, whose socket the relay owns (closing fd_ ends it).
  const int server_fd_;
};

// The socket a request served by an UpgradableServer came on (borrowed: valid
// while the handler runs), e.g. to notice that a streaming client went away.
// -1 for other servers.
int ConnectionSocket(const httplib::Request& request);

}  // namespace kube::http
