#pragma once

#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "absl/status/status.h"

namespace httplib {
class Server;
}

namespace kube::health {

// What the health server asks its component at each request.
struct HealthChecks {
  std::function<bool()> ready;            // /readyz: 200 once the caches synced
  std::function<std::string()> metrics;   // /metrics: Prometheus text
};

// A daemon's plain-HTTP health endpoint (kube-scheduler's --port,
// kube-controller-manager's --secure-port): /healthz and /livez (200 while the
// process runs), /readyz, /metrics. Serves on a thread of its own until Stop() or
// destruction.
class HealthServer {
 public:
  explicit HealthServer(HealthChecks checks);
  ~HealthServer();
  HealthServer(const HealthServer&) = delete;
  HealthServer& operator=(const HealthServer&) = delete;

  // Binds (port 0 picks a free one) and starts serving. Unavailable if the port
  // cannot be bound.
  absl::Status Start(const std::string& address, int port);
  void Stop();
  int port() const { return port_; }

 private:
  const HealthChecks checks_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;  // runs the server's accept loop
  int port_ = 0;
};

}  // namespace kube::health
