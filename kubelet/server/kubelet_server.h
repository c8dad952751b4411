#pragma once

#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/auth/delegating/delegating_authenticator.h"
#include "common/auth/delegating/delegating_authorizer.h"
#include "common/http/upgradable_server.h"
#include "common/tls/openssl_ptr.h"
#include "k8s/core/v1/core.pb.h"
#include "kubelet/runtime/runtime.h"
#include "kubelet/server/stats_summary.h"

namespace kube::kubelet {

struct KubeletServerOptions {
  std::string address = "0.0.0.0";  // --address
  int port = 10250;                 // --port; 0 picks a free port (tests)
  std::string node_name;
  std::string root_dir;
  // How long an exec may run (the runtime's ExecSync timeout).
  absl::Duration exec_timeout = absl::Hours(4);
};

// What the server asks of the rest of the kubelet. Both are called from server
// threads and must be thread-safe.
struct KubeletServerSources {
  // The pods bound to this node as the kubelet knows them (for /pods).
  std::function<std::vector<std::shared_ptr<const k8s::core::v1::Pod>>()> pods;
  // Whether the kubelet is healthy (/healthz); OK when unset.
  std::function<absl::Status()> healthy;
  // More Prometheus text for /metrics (the pod workers' own metrics).
  std::function<std::string()> metrics;
};

// How the port is guarded. The kubelet binary always sets all three (HTTPS, every
// request authenticated and then authorized as upstream's kubelet does); only tests
// of the handlers themselves leave them empty and serve plain HTTP.
struct KubeletServerSecurity {
  tls::SslCtxPtr tls;
  // Both or neither.
  std::unique_ptr<auth::DelegatingAuthenticator> authenticator;
  std::unique_ptr<auth::DelegatingAuthorizer> authorizer;
};

// The kubelet's API on --port: /healthz, /livez, /readyz, /metrics, /pods,
// /stats/summary, /containerLogs/NS/POD/CONTAINER, /exec/NS/POD/CONTAINER and
// /portForward/NS/POD (WebSocket, SPDY). The apiserver proxies kubectl's logs, exec
// and port-forward here. Each request is authenticated (401 "Unauthorized") and
// authorized on the node's subresource (request_attributes.h; 403 "Forbidden
// (user=..., verb=..., resource=nodes, subresource=...)"), in upstream's plain-text
// wording, before it is routed. One thread per connection (follows and execs hold
// theirs while they last).
class KubeletServer {
 public:
  // `runtime` must outlive the server.
  KubeletServer(KubeletServerOptions options, Runtime& runtime, KubeletServerSources sources,
                KubeletServerSecurity security = {});
  ~KubeletServer();
  KubeletServer(const KubeletServer&) = delete;
  KubeletServer& operator=(const KubeletServer&) = delete;

  // Binds and starts serving on a thread of its own; Unavailable if the port
  // cannot be bound.
  absl::Status Start();
  // Stops serving (open streams end within moments); idempotent.
  void Stop();
  // The bound port once started (the configured one before).
  int port() const { return port_; }

 private:
  void AddRoutes();
  // The pre-routing filter: true once `response` holds a refusal.
  bool Refused(const httplib::Request& request, httplib::Response& response) const;

  const KubeletServerOptions options_;
  Runtime& runtime_;
  const KubeletServerSources sources_;
  KubeletServerSecurity security_;  // its tls moves to http_ at construction
  const absl::Time start_time_;
  StatsSummary stats_;
  http::UpgradableServer http_;
  int port_;                 // written by Start before the serving thread starts
  std::thread serve_thread_;  // runs http_.listen_after_bind()
};

}  // namespace kube::kubelet
