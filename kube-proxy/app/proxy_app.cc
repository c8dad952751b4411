#include "kube-proxy/app/proxy_app.h"

#include "common/log/log.h"
#include "common/util/strings.h"
#include "kube-proxy/app/backends.h"

namespace kube::proxy::app {

using k8s::core::v1::Endpoints;
using k8s::core::v1::Node;
using k8s::core::v1::Service;

namespace {

// Only this node's Node object.
client::InformerOptions NodeInformerOptions(const std::string& node_name) {
  client::InformerOptions options;
  options.field_selector = StrCat("metadata.name=", node_name);
  return options;
}

}  // namespace

ProxyApp::ProxyApp(Options options, std::shared_ptr<client::Transport> transport,
                   std::unique_ptr<runner::Runner> runner)
    : options_(std::move(options)),
      node_name_(NodeName(options_)),
      transport_(std::move(transport)),
      runner_(std::move(runner)),
      services_(client::Informer<Service>::New(transport_)),
      endpoints_(client::Informer<Endpoints>::New(transport_)),
      node_(client::Informer<Node>::New(transport_, NodeInformerOptions(node_name_))) {}

absl::StatusOr<std::unique_ptr<ProxyApp>> ProxyApp::Create(
    Options options, std::shared_ptr<client::Transport> transport,
    std::unique_ptr<runner::Runner> runner) {
  if (absl::Status status = Validate(options); !status.ok()) return status;
  std::unique_ptr<ProxyApp> app(
      new ProxyApp(std::move(options), std::move(transport), std::move(runner)));
  if (absl::Status status = app->Init(); !status.ok()) return status;
  return app;
}

absl::Status ProxyApp::Init() {
  absl::StatusOr<std::unique_ptr<proxier::RuleBackend>> backend = NewBackend(
      options_.proxy_mode, BackendConfig{options_.cluster_cidr, options_.masquerade_all}, *runner_);
  if (!backend.ok()) return backend.status();
  proxier_ = std::make_unique<proxier::Proxier>(
      proxier::ProxierOptions{options_.sync_period, options_.min_sync_period}, std::move(*backend),
      runner_.get(), metrics_, [this] { return TakeSnapshot(); });
  if (!options_.healthz_bind_address.empty()) {
    healthz_ = std::make_unique<health::HealthServer>(
        health::HealthChecks{[this] { return proxier_->HasSynced(); }, [this] { return metrics_.Render(); }});
  }
  if (!options_.metrics_bind_address.empty()) {
    metrics_server_ = std::make_unique<health::HealthServer>(
        health::HealthChecks{[this] { return proxier_->HasSynced(); }, [this] { return metrics_.Render(); }});
  }
  return absl::OkStatus();
}

ProxyApp::~ProxyApp() {
  Shutdown();
  services_.Stop();
  endpoints_.Stop();
  node_.Stop();
  if (proxier_ != nullptr) proxier_->Stop();
  if (healthz_ != nullptr) healthz_->Stop();
  if (metrics_server_ != nullptr) metrics_server_->Stop();
}

proxier::Snapshot ProxyApp::TakeSnapshot() const {
  return proxier::BuildSnapshot(services_.lister().List(), endpoints_.lister().List(), node_name_);
}

void ProxyApp::OnNode(const Node& node) {
  std::vector<std::string> ips;
  for (const auto& address : node.status().addresses()) {
    if (address.type() == "InternalIP" || address.type() == "ExternalIP") ips.push_back(address.address());
  }
  absl::MutexLock lock(&mu_);
  if (ips == node_ips_) return;
  node_ips_ = ips;
  // Node ports match every local address (-m addrtype / fib), so a change of
  // the node's addresses needs no new rules; it is only worth a log line.
  KLOG(Info) << "node " << node_name_ << " addresses: " << StrJoin(ips, ", ");
}

absl::Status ProxyApp::Run(const std::function<void()>& on_ready) {
  auto serve = [](health::HealthServer* server, const std::string& address, int default_port) {
    if (server == nullptr) return absl::OkStatus();
    absl::StatusOr<BindAddress> bind = ParseBindAddress(address, default_port);
    if (!bind.ok()) return bind.status();
    return server->Start(bind->host, bind->port);
  };
  if (absl::Status s = serve(healthz_.get(), options_.healthz_bind_address, 10256); !s.ok()) return s;
  if (absl::Status s = serve(metrics_server_.get(), options_.metrics_bind_address, 10249); !s.ok()) {
    return s;
  }
  auto changed = [this] { proxier_->OnChange(); };
  services_.AddEventHandler({
      .on_add = [changed](const auto&) { changed(); },
      .on_update = [changed](const auto&, const auto&) { changed(); },
      .on_delete = [changed](const auto&) { changed(); },
  });
  endpoints_.AddEventHandler({
      .on_add = [changed](const auto&) { changed(); },
      .on_update = [changed](const auto&, const auto&) { changed(); },
      .on_delete = [changed](const auto&) { changed(); },
  });
  node_.AddEventHandler({
      .on_add = [this](const auto& node) { OnNode(*node); },
      .on_update = [this](const auto&, const auto& node) { OnNode(*node); },
      .on_delete = nullptr,
  });
  KLOG(Info) << "kube-proxy for node " << node_name_ << " in " << options_.proxy_mode << " mode";
  services_.Start();
  endpoints_.Start();
  node_.Start();
  while (!(services_.HasSynced() && endpoints_.HasSynced())) {
    if (shutdown_.WaitForNotificationWithTimeout(absl::Milliseconds(50))) return absl::OkStatus();
  }
  KLOG(Info) << "caches synced; programming rules";
  proxier_->Start();
  if (on_ready) on_ready();
  shutdown_.WaitForNotification();
  proxier_->Stop();
  return absl::OkStatus();
}

void ProxyApp::Shutdown() {
  if (!shutdown_.HasBeenNotified()) shutdown_.Notify();
}

}  // namespace kube::proxy::app
