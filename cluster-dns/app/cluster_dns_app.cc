#include "cluster-dns/app/cluster_dns_app.h"

#include "common/log/log.h"
#include "common/util/strings.h"

namespace kube::dns::app {

using k8s::core::v1::Endpoints;
using k8s::core::v1::Service;

absl::StatusOr<std::unique_ptr<ClusterDnsApp>> ClusterDnsApp::Create(
    Options options, std::shared_ptr<client::Transport> transport) {
  absl::StatusOr<DnsName> domain = DnsName::Parse(options.cluster_domain);
  if (!domain.ok()) return domain.status();
  ZoneConfig zone{*domain, static_cast<uint32_t>(options.ttl), 1};
  return std::unique_ptr<ClusterDnsApp>(new ClusterDnsApp(std::move(options), std::move(zone), std::move(transport)));
}

ClusterDnsApp::ClusterDnsApp(Options options, ZoneConfig zone_config,
                             std::shared_ptr<client::Transport> transport)
    : options_(std::move(options)),
      transport_(std::move(transport)),
      handler_(snapshot_, metrics_),
      services_(client::Informer<Service>::New(transport_)),
      endpoints_(client::Informer<Endpoints>::New(transport_)),
      rebuilder_(std::move(zone_config),
                 ZoneSources{[lister = services_.lister()] { return lister.List(); },
                             [lister = endpoints_.lister()] { return lister.List(); }},
                 snapshot_),
      dns_(handler_) {}

ClusterDnsApp::~ClusterDnsApp() {
  Shutdown();
  if (health_ != nullptr) health_->Stop();
  dns_.Stop();
  services_.Stop();
  endpoints_.Stop();
  rebuilder_.Stop();
}

std::string ClusterDnsApp::Metrics() const {
  std::string out = metrics_.Render();
  StrAppend(&out,
            "# HELP cluster_dns_zone_records Records in the zone being served.\n"
            "# TYPE cluster_dns_zone_records gauge\ncluster_dns_zone_records ",
            rebuilder_.records(),
            "\n# HELP cluster_dns_zone_rebuilds_total Zones built from the informers' caches.\n"
            "# TYPE cluster_dns_zone_rebuilds_total counter\ncluster_dns_zone_rebuilds_total ",
            rebuilder_.rebuilds(),
            "\n# HELP cluster_dns_ready 1 once the caches synced and a zone is served.\n"
            "# TYPE cluster_dns_ready gauge\ncluster_dns_ready ",
            ready_.load() ? 1 : 0, "\n");
  return out;
}

absl::Status ClusterDnsApp::Run(const std::function<void()>& on_ready) {
  if (options_.health_port != 0) {
    health_ = std::make_unique<health::HealthServer>(
        health::HealthChecks{[this] { return ready_.load(); }, [this] { return Metrics(); }});
    if (absl::Status status = health_->Start(options_.bind_address, options_.health_port); !status.ok()) {
      return status;
    }
    KLOG(Info) << "serving /healthz, /readyz and /metrics on " << options_.bind_address << ":"
               << health_->port();
  }
  // Serve from the start: until the first zone, SERVFAIL tells clients to retry.
  DnsServerOptions dns_options;
  dns_options.address = options_.bind_address;
  dns_options.port = options_.port;
  if (absl::Status status = dns_.Start(dns_options); !status.ok()) return status;
  KLOG(Info) << "serving DNS for " << options_.cluster_domain << " on " << options_.bind_address << ":"
             << dns_.port() << " (udp and tcp); forwarding nothing";

  auto dirty = [this] { rebuilder_.MarkDirty(); };
  services_.AddEventHandler({.on_add = [dirty](const auto&) { dirty(); },
                             .on_update = [dirty](const auto&, const auto&) { dirty(); },
                             .on_delete = [dirty](const auto&) { dirty(); }});
  endpoints_.AddEventHandler({.on_add = [dirty](const auto&) { dirty(); },
                              .on_update = [dirty](const auto&, const auto&) { dirty(); },
                              .on_delete = [dirty](const auto&) { dirty(); }});
  services_.Start();
  endpoints_.Start();
  while (!(services_.HasSynced() && endpoints_.HasSynced())) {
    if (shutdown_.WaitForNotificationWithTimeout(absl::Milliseconds(50))) return absl::OkStatus();
  }
  rebuilder_.RebuildNow();  // the first zone holds everything listed
  rebuilder_.Start();
  ready_ = true;
  KLOG(Info) << "caches synced: " << services_.lister().List().size() << " services, "
             << rebuilder_.records() << " records";
  if (on_ready) on_ready();
  shutdown_.WaitForNotification();
  return absl::OkStatus();
}

void ClusterDnsApp::Shutdown() {
  if (!shutdown_.HasBeenNotified()) shutdown_.Notify();
}

}  // namespace kube::dns::app
