#pragma once

#include <functional>
#include <atomic>
#include <memory>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/notification.h"
#include "cluster-dns/app/options.h"
#include "cluster-dns/app/zone_rebuilder.h"
#include "cluster-dns/records/zone_snapshot.h"
#include "cluster-dns/server/dns_server.h"
#include "cluster-dns/server/query_handler.h"
#include "cluster-dns/server/query_metrics.h"
#include "common/client/transport.h"
#include "common/client/typed_informer.h"
#include "common/health/health_server.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::dns::app {

// cluster-dns, wired: informers on Services and Endpoints mark the zone dirty; the
// rebuilder publishes a new immutable zone; the DNS server answers from whatever
// zone is current (SERVFAIL until the first one); the health server reports ready
// once the caches have synced and that first zone is out.
class ClusterDnsApp {
 public:
  static absl::StatusOr<std::unique_ptr<ClusterDnsApp>> Create(
      Options options, std::shared_ptr<client::Transport> transport);
  ~ClusterDnsApp();
  ClusterDnsApp(const ClusterDnsApp&) = delete;
  ClusterDnsApp& operator=(const ClusterDnsApp&) = delete;

  // Serves until Shutdown(). An error if a port cannot be bound.
  // `on_ready` runs once the first zone is built.
  absl::Status Run(const std::function<void()>& on_ready = nullptr);
  // Safe from any thread (the signal thread), more than once.
  void Shutdown();

 private:
  ClusterDnsApp(Options options, ZoneConfig zone_config, std::shared_ptr<client::Transport> transport);
  std::string Metrics() const;

  // Constant after construction.
  const Options options_;
  const std::shared_ptr<client::Transport> transport_;

  // Declared in dependency order: each member only uses those above it, and they
  // are destroyed in reverse, servers first.
  ZoneSnapshot snapshot_;
  QueryMetrics metrics_;
  QueryHandler handler_;
  client::Informer<k8s::core::v1::Service> services_;
  client::Informer<k8s::core::v1::Endpoints> endpoints_;
  ZoneRebuilder rebuilder_;
  DnsServer dns_;
  std::unique_ptr<health::HealthServer> health_;  // null with --health-port=0

  std::atomic<bool> ready_{false};
  absl::Notification shutdown_;  // notified by Shutdown()
};

}  // namespace kube::dns::app
