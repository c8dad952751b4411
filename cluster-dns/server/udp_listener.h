#pragma once

#include <atomic>
#include <thread>
#include <vector>

#include "cluster-dns/server/query_handler.h"
#include "cluster-dns/server/socket.h"

namespace kube::dns {

// Answers DNS over UDP on a bound socket: `workers` threads each receive a
// datagram, answer it from the handler and send the response back. Nothing blocks
// on anything but the socket, so one slow client cannot stall the others.
class UdpListener {
 public:
  UdpListener(FileDescriptor socket, const QueryHandler& handler, int workers);
  ~UdpListener();  // stops
  UdpListener(const UdpListener&) = delete;
  UdpListener& operator=(const UdpListener&) = delete;

  void Start();
  // Stops and joins the workers (each notices within one poll interval).
  void Stop();

 private:
  void Serve();

  const FileDescriptor socket_;     // constant after construction; non-blocking
  const QueryHandler& handler_;     // not owned; outlives this
  const int worker_count_;
  std::atomic<bool> stopping_{false};
  std::vector<std::thread> workers_;  // started by Start, joined by Stop
};

}  // namespace kube::dns
