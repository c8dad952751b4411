#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "common/client/transport.h"
#include "common/client/typed_informer.h"
#include "common/health/health_server.h"
#include "k8s/core/v1/core.pb.h"
#include "kube-proxy/app/options.h"
#include "kube-proxy/proxier/proxier.h"
#include "kube-proxy/proxier/sync_metrics.h"
#include "kube-proxy/runner/runner.h"

namespace kube::proxy::app {

// kube-proxy, wired: informers on Services, Endpoints and this node's Node mark
// the proxier dirty; the proxier syncs the chosen backend; one HealthServer
// answers /healthz, /livez, /readyz on --healthz-bind-address and another
// /metrics on --metrics-bind-address.
class ProxyApp {
 public:
  // `runner` runs iptables/nft/conntrack (the real ones in production).
  static absl::StatusOr<std::unique_ptr<ProxyApp>> Create(Options options,
                                                         std::shared_ptr<client::Transport> transport,
                                                         std::unique_ptr<runner::Runner> runner);
  ~ProxyApp();
  ProxyApp(const ProxyApp&) = delete;
  ProxyApp& operator=(const ProxyApp&) = delete;

  // Serves health and metrics, starts the informers, syncs once their caches are
  // filled, then keeps syncing until Shutdown(). Rules are left in place on
  // return, as upstream leaves them. `on_ready` runs once the caches synced and
  // syncing started.
  absl::Status Run(const std::function<void()>& on_ready = nullptr);
  // Safe from any thread (the signal thread), more than once.
  void Shutdown();

 private:
  ProxyApp(Options options, std::shared_ptr<client::Transport> transport,
           std::unique_ptr<runner::Runner> runner);
  absl::Status Init();
  proxier::Snapshot TakeSnapshot() const;
  void OnNode(const k8s::core::v1::Node& node);

  // Constant after construction.
  const Options options_;
  const std::string node_name_;
  const std::shared_ptr<client::Transport> transport_;
  const std::unique_ptr<runner::Runner> runner_;

  proxier::SyncMetrics metrics_;
  client::Informer<k8s::core::v1::Service> services_;
  client::Informer<k8s::core::v1::Endpoints> endpoints_;
  client::Informer<k8s::core::v1::Node> node_;
  std::unique_ptr<proxier::Proxier> proxier_;
  std::unique_ptr<health::HealthServer> healthz_;  // null when disabled
  std::unique_ptr<health::HealthServer> metrics_server_;  // null when disabled

  absl::Mutex mu_;
  std::vector<std::string> node_ips_ ABSL_GUARDED_BY(mu_);  // for logging changes only
  absl::Notification shutdown_;
};

}  // namespace kube::proxy::app
