#include "scheduler/app/scheduler_app.h"

#include <unistd.h>

#include "common/client/event_sink.h"
#include "common/health/secure_health_server.h"
#include "common/log/log.h"
#include "common/util/strings.h"
#include "common/util/uuid.h"
#include "scheduler/plugins/registry.h"

namespace kube::scheduler::app {
namespace {

using k8s::core::v1::Node;
using k8s::core::v1::Pod;
using k8s::core::v1::Service;

std::string Hostname() {
  char name[256] = {};
  if (gethostname(name, sizeof(name) - 1) != 0) return "localhost";
  return name;
}

}  // namespace

SchedulerApp::SchedulerApp(Options options, std::shared_ptr<client::Transport> transport)
    : options_(std::move(options)),
      transport_(std::move(transport)),
      metrics_(options_.profile.scheduler_name),
      handlers_(options_.profile.scheduler_name, cache_, queue_),
      writer_(transport_),
      nodes_(client::Informer<Node>::New(transport_)),
      pods_(client::Informer<Pod>::New(transport_)),
      services_(client::Informer<Service>::New(transport_)) {}

absl::StatusOr<std::unique_ptr<SchedulerApp>> SchedulerApp::Create(
    Options options, std::shared_ptr<client::Transport> transport) {
  std::unique_ptr<SchedulerApp> app(new SchedulerApp(std::move(options), std::move(transport)));
  if (absl::Status status = app->Init(); !status.ok()) return status;
  return app;
}

absl::Status SchedulerApp::Init() {
  const std::string host = Hostname();
  recorder_ = std::make_unique<events::EventRecorder>(
      client::NewEventSink(transport_), events::EventSource{options_.profile.scheduler_name, host});

  plugins::PluginContext context;
  client::Lister<Service> services = services_.lister();
  context.services = [services](const std::string& ns) { return services.List(ns); };
  absl::StatusOr<std::unique_ptr<framework::Profile>> profile =
      plugins::NewProfile(options_.profile, context);
  if (!profile.ok()) return profile.status();

  core::SchedulerOptions scheduler_options;
  scheduler_options.percentage_of_nodes_to_score = options_.percentage_of_nodes_to_score;
  scheduler_options.parallelism = options_.parallelism;
  scheduler_options.api_workers = options_.api_workers;
  scheduler_ = std::make_unique<core::Scheduler>(scheduler_options, std::move(*profile), cache_,
                                                 queue_, writer_, recorder_.get(), metrics_);

  if (options_.leader_election.leader_elect) {
    client::LeaderElectionConfig config = options_.leader_election.ToConfig();
    config.identity = StrCat(host, "_", util::NewUuid());
    config.release_on_cancel = true;
    config.callbacks.on_started_leading = [this] { StartLeading(); };
    config.callbacks.on_stopped_leading = [this] { StopLeading(); };
    config.callbacks.on_new_leader = [identity = config.identity](const std::string& leader) {
      if (leader != identity) KLOG(Info) << "new leader elected: " << leader;
    };
    absl::StatusOr<std::unique_ptr<client::LeaderElector>> elector =
        client::LeaderElector::Create(*transport_, std::move(config));
    if (!elector.ok()) return elector.status();
    elector_ = std::move(*elector);
  }

  if (options_.serving.secure_port != 0) {
    // TokenReviews and SubjectAccessReviews go through the scheduler's own client.
    absl::StatusOr<std::unique_ptr<health::HealthServer>> server = health::NewSecureHealthServer(
        health::HealthChecks{[this] { return synced_.load(); },
                             [this] { return metrics_.Render(ReadGauges()); }},
        options_.serving, transport_);
    if (!server.ok()) return server.status();
    health_ = std::move(*server);
  }
  return absl::OkStatus();
}

SchedulerApp::~SchedulerApp() {
  Shutdown();
  StopLeading();
  nodes_.Stop();
  pods_.Stop();
  services_.Stop();
  if (health_ != nullptr) health_->Stop();
}

metrics::Gauges SchedulerApp::ReadGauges() {
  metrics::Gauges gauges;
  queue::PendingCounts pending = queue_.Pending();
  gauges.pending_active = pending.active;
  gauges.pending_backoff = pending.backoff;
  gauges.pending_unschedulable = pending.unschedulable;
  gauges.pending_gated = pending.gated;
  cache::CacheStats stats = cache_.Stats();
  gauges.cache_nodes = stats.nodes;
  gauges.cache_pods = stats.pods;
  gauges.cache_assumed_pods = stats.assumed;
  gauges.is_leader = leading_.load() ? 1 : 0;
  gauges.events_dropped = static_cast<int64_t>(recorder_->dropped());
  return gauges;
}

void SchedulerApp::StartLeading() {
  KLOG(Info) << "started leading: scheduling pods for \"" << options_.profile.scheduler_name
             << "\"";
  leading_ = true;
  queue_.Start();
  scheduling_thread_ = std::thread([this] { scheduler_->Run(); });
}

void SchedulerApp::StopLeading() {
  if (!leading_.exchange(false)) return;
  scheduler_->Stop();
  if (scheduling_thread_.joinable()) scheduling_thread_.join();
  scheduler_->WaitForApiCalls();
  if (!shutdown_.HasBeenNotified()) {
    KLOG(Error) << "leaderelection lost";
    lost_lease_ = true;
  }
}

absl::Status SchedulerApp::Run(const std::function<void()>& on_ready) {
  pods_.AddEventHandler({
      .on_add = [this](const auto& pod) { handlers_.OnPodAdd(pod); },
      .on_update = [this](const auto& old_pod, const auto& pod) { handlers_.OnPodUpdate(old_pod, pod); },
      .on_delete = [this](const auto& deleted) { handlers_.OnPodDelete(deleted.object); },
  });
  nodes_.AddEventHandler({
      .on_add = [this](const auto& node) { handlers_.OnNodeAdd(node); },
      .on_update = [this](const auto& old_node, const auto& node) { handlers_.OnNodeUpdate(old_node, node); },
      .on_delete = [this](const auto& deleted) { handlers_.OnNodeDelete(deleted.object); },
  });
  if (health_ != nullptr) {
    if (absl::Status status =
            health_->Start(options_.serving.bind_address, options_.serving.secure_port);
        !status.ok()) {
      return status;
    }
  }
  nodes_.Start();
  pods_.Start();
  services_.Start();
  while (!(nodes_.HasSynced() && pods_.HasSynced() && services_.HasSynced())) {
    if (shutdown_.WaitForNotificationWithTimeout(absl::Milliseconds(50))) return absl::OkStatus();
  }
  synced_ = true;
  if (on_ready) on_ready();
  KLOG(Info) << "caches synced: " << cache_.Stats().nodes << " nodes, " << cache_.Stats().pods
             << " bound pods, " << queue_.Pending().active << " pods pending";

  if (elector_ != nullptr) {
    elector_->Run();  // returns once this replica stops leading, or on Shutdown()
    StopLeading();
  } else {
    StartLeading();
    shutdown_.WaitForNotification();
    StopLeading();
  }
  recorder_->Flush(absl::Seconds(5));
  if (lost_lease_) return absl::AbortedError("leaderelection lost");
  return absl::OkStatus();
}

void SchedulerApp::Shutdown() {
  if (!shutdown_.HasBeenNotified()) shutdown_.Notify();
  if (elector_ != nullptr) elector_->Stop();
}

}  // namespace kube::scheduler::app
