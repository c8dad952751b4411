#pragma once

#include <atomic>
#include <list>
#include <memory>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "cluster-dns/server/query_handler.h"
#include "cluster-dns/server/socket.h"

namespace kube::dns {

// Answers DNS over TCP (RFC 1035 §4.2.2, RFC 7766): each message is preceded by
// its 2-byte length; a connection may carry any number of queries, answered in
// order. One thread accepts; each connection is served by a thread of its own, at
// most `max_connections` at once (more are closed at once), and closed after
// `idle_timeout` without a complete query.
class TcpListener {
 public:
  TcpListener(FileDescriptor socket, const QueryHandler& handler, int max_connections,
              absl::Duration idle_timeout);
  ~TcpListener();  // stops
  TcpListener(const TcpListener&) = delete;
  TcpListener& operator=(const TcpListener&) = delete;

  void Start();
  // Stops accepting, shuts every open connection down and joins their threads.
  void Stop();

 private:
  struct Connection {
    FileDescriptor fd;  // closed only after `thread` is joined, so never reused early
    std::thread thread;
    std::atomic<bool> done{false};
  };

  void AcceptLoop();
  void Serve(Connection& connection);
  // Joins and frees the connections whose threads have finished.
  void ReapFinished();

  const FileDescriptor socket_;  // the listening socket; constant after construction
  const QueryHandler& handler_;  // not owned; outlives this
  const int max_connections_;
  const absl::Duration idle_timeout_;
  std::atomic<bool> stopping_{false};
  std::thread accept_thread_;  // runs AcceptLoop; joined by Stop

  absl::Mutex mu_;  // guards connections_ (the accept thread and Stop)
  std::list<std::unique_ptr<Connection>> connections_ ABSL_GUARDED_BY(mu_);
};

}  // namespace kube::dns
