#pragma once

#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "common/auth/delegating/http_guard.h"
#include "common/tls/openssl_ptr.h"

namespace kube::http {
class UpgradableServer;
}

namespace kube::health {

// What the health server asks its component at each request.
struct HealthChecks {
  std::function<bool()> ready;            // /readyz: 200 once the caches synced
  std::function<std::string()> metrics;   // /metrics: Prometheus text
};

// A daemon's health and metrics endpoint: /healthz and /livez (200 while the
// process runs), /readyz, /metrics. Serves on a thread of its own until Stop() or
// destruction.
//
// Two modes, as upstream's components have:
//  - plain HTTP, nobody asked who they are: kube-proxy's --healthz-bind-address and
//    --metrics-bind-address ports, cluster-dns's --health-port, the kubelet's
//    --healthz-port;
//  - secure (secure_health_server.h): HTTPS where every request is authenticated and
//    authorized first (kube-scheduler's and kube-controller-manager's
//    --secure-port); refusals are 401/403 and no handler runs.
class HealthServer {
 public:
  // Plain HTTP.
  explicit HealthServer(HealthChecks checks);
  // HTTPS with `tls`; `guard` admits each request (on any path, unknown ones too,
  // as upstream authorizes before routing).
  HealthServer(HealthChecks checks, tls::SslCtxPtr tls, std::unique_ptr<auth::HttpGuard> guard);
  ~HealthServer();
  HealthServer(const HealthServer&) = delete;
  HealthServer& operator=(const HealthServer&) = delete;

  // Binds (port 0 picks a free one) and starts serving. Unavailable if the port
  // cannot be bound.
  absl::Status Start(const std::string& address, int port);
  void Stop();
  int port() const { return port_; }
  bool secure() const { return guard_ != nullptr; }

 private:
  void AddRoutes();

  const HealthChecks checks_;
  const std::unique_ptr<auth::HttpGuard> guard_;  // null in plain mode
  std::unique_ptr<http::UpgradableServer> server_;
  std::thread thread_;  // runs the server's accept loop
  int port_ = 0;
};

}  // namespace kube::health
