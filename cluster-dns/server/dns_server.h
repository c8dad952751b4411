#pragma once

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "cluster-dns/server/query_handler.h"
#include "cluster-dns/server/tcp_listener.h"
#include "cluster-dns/server/udp_listener.h"

namespace kube::dns {

struct DnsServerOptions {
  std::string address = "0.0.0.0";
  int port = 53;  // 0: a free port, the same for UDP and TCP
  int udp_workers = 2;
  int max_tcp_connections = 128;
  absl::Duration tcp_idle_timeout = absl::Seconds(10);
};

// DNS on one address and port over both UDP and TCP, answered by one handler.
class DnsServer {
 public:
  explicit DnsServer(const QueryHandler& handler) : handler_(handler) {}
  ~DnsServer() { Stop(); }
  DnsServer(const DnsServer&) = delete;
  DnsServer& operator=(const DnsServer&) = delete;

  // Binds both sockets and starts serving. Unavailable if either cannot be bound
  // (with port 0, a few free ports are tried until one is free for both).
  absl::Status Start(const DnsServerOptions& options);
  void Stop();
  // The bound port, once started.
  int port() const { return port_; }

 private:
  const QueryHandler& handler_;  // not owned; outlives this
  std::unique_ptr<UdpListener> udp_;
  std::unique_ptr<TcpListener> tcp_;
  int port_ = 0;
};

}  // namespace kube::dns
