#include "kubelet/app/kubelet.h"

#include "common/client/event_sink.h"
#include "common/log/log.h"
#include "common/util/strings.h"
#include "kubelet/app/server_security.h"
#include "kubelet/server/metrics.h"

namespace kube::kubelet {

absl::StatusOr<std::unique_ptr<Kubelet>> Kubelet::Create(
    KubeletOptions options, std::shared_ptr<client::Transport> transport,
    std::unique_ptr<Runtime> runtime, MachineInfo machine) {
  if (options.node_name.empty()) return absl::InvalidArgumentError("the node needs a name");
  absl::StatusOr<RuntimeVersion> version = runtime->Version();
  if (!version.ok()) {
    return absl::UnavailableError(
        kube::StrCat("the container runtime does not answer: ", version.status().message()));
  }
  std::unique_ptr<Kubelet> kubelet(new Kubelet(std::move(options), std::move(transport),
                                               std::move(runtime), std::move(machine)));
  const KubeletOptions& o = kubelet->options_;
  const client::Client client(kubelet->transport_);
  kubelet->recorder_ = std::make_unique<events::EventRecorder>(
      client::NewEventSink(kubelet->transport_), events::EventSource{"kubelet", o.node_name});

  NodeAgentOptions node;
  node.config.node_name = o.node_name;
  node.config.labels = o.node_labels;
  node.config.pod_cidr = o.pod_cidr;
  node.config.max_pods = o.max_pods;
  node.config.kubelet_port = static_cast<int32_t>(o.port);
  node.config.runtime_version =
      kube::StrCat(version->runtime_name, "://", version->runtime_version);
  node.machine = kubelet->machine_;
  node.register_node = o.register_node;
  node.update_frequency = o.node_status_update_frequency;
  Kubelet* self = kubelet.get();
  node.runtime_ready = [self] {
    absl::Status ready = self->runtime_->Ready();
    if (ready.ok() && self->pods_ != nullptr) ready = self->pods_->Healthy();
    return ready;
  };
  kubelet->node_agent_ =
      std::make_unique<NodeAgent>(client, std::move(node), kubelet->recorder_.get());

  NodeLeaseOptions lease;
  lease.node_name = o.node_name;
  lease.lease_duration_seconds = o.lease_duration_seconds;
  lease.renew_interval = o.lease_renew_interval;
  NodeAgent* agent = kubelet->node_agent_.get();
  lease.node_uid = [agent] { return agent->NodeUid(); };
  kubelet->node_lease_ = std::make_unique<NodeLease>(client, std::move(lease));

  PodManagerOptions pods;
  pods.node_name = o.node_name;
  pods.root_dir = o.root_dir;
  pods.worker_threads = o.pod_worker_threads;
  pods.probe_threads = o.probe_threads;
  pods.relist_period = o.relist_period;
  pods.syncer.runtime_name = version->runtime_name;
  pods.syncer.host_ip = kubelet->machine_.internal_ip;
  pods.syncer.dns = DnsSettings{o.cluster_dns, o.cluster_domain};
  pods.syncer.cgroup_root = o.cgroup_root;
  pods.syncer.node_allocatable_milli_cpu = kubelet->machine_.cpus * 1000;
  pods.syncer.node_allocatable_memory = kubelet->machine_.memory_bytes;
  pods.syncer.resync_period = o.sync_frequency;
  kubelet->pods_ = std::make_unique<PodManager>(kubelet->transport_, *kubelet->runtime_,
                                                kubelet->recorder_.get(), std::move(pods));
  KubeletServerOptions server;
  server.address = o.address;
  server.port = static_cast<int>(o.port);
  server.node_name = o.node_name;
  server.root_dir = o.root_dir;
  KubeletServerSources sources;
  PodManager* pod_manager = kubelet->pods_.get();
  sources.pods = [pod_manager] { return pod_manager->pods().List(); };
  sources.metrics = [pod_manager] { return pod_manager->MetricsText(); };
  sources.healthy = [self] {
    absl::Status ready = self->runtime_->Ready();
    return ready.ok() ? self->pods_->Healthy() : ready;
  };
  absl::StatusOr<KubeletServerSecurity> security =
      NewKubeletServerSecurity(o, kubelet->machine_, kubelet->transport_);
  if (!security.ok()) return security.status();
  kubelet->server_ = std::make_unique<KubeletServer>(std::move(server), *kubelet->runtime_,
                                                     std::move(sources), std::move(*security));
  if (o.healthz_port != 0) {
    const absl::Time start = absl::Now();
    kubelet->health_ = std::make_unique<health::HealthServer>(health::HealthChecks{
        .ready =
            [self] {
              return self->runtime_->Ready().ok() && self->pods_->Healthy().ok();
            },
        .metrics =
            [self, start] {
              absl::StatusOr<std::string> text = PrometheusMetrics(
                  *self->runtime_, self->options_.node_name, self->options_.root_dir, start);
              return (text.ok() ? *text : std::string()) + self->pods_->MetricsText();
            },
    });
  }
  return kubelet;
}

Kubelet::Kubelet(KubeletOptions options, std::shared_ptr<client::Transport> transport,
                 std::unique_ptr<Runtime> runtime, MachineInfo machine)
    : options_(std::move(options)),
      transport_(std::move(transport)),
      runtime_(std::move(runtime)),
      machine_(std::move(machine)) {}

Kubelet::~Kubelet() {
  Shutdown();
  if (server_ != nullptr) server_->Stop();
  if (pods_ != nullptr) pods_->Stop();
  if (node_lease_ != nullptr) node_lease_->Stop();
  if (node_agent_ != nullptr) node_agent_->Stop();
}

absl::Status Kubelet::Run(const std::function<void()>& on_ready) {
  KLOG(Info) << "kubelet starting for node " << options_.node_name << " (root dir "
             << options_.root_dir << ", runtime " << options_.container_runtime_endpoint << ")";
  if (absl::Status status = server_->Start(); !status.ok()) return status;
  if (health_ != nullptr) {
    absl::Status started =
        health_->Start(options_.healthz_bind_address, static_cast<int>(options_.healthz_port));
    if (!started.ok()) return started;
  }
  node_agent_->Start();
  node_lease_->Start();
  // Pods wait for the informer's cache; retry until it syncs or we are told to stop.
  while (!shutdown_.HasBeenNotified()) {
    absl::Status started = pods_->Start(absl::Seconds(10));
    if (started.ok()) break;
    KLOG(Warning) << started << "; retrying";
  }
  if (on_ready && !shutdown_.HasBeenNotified()) on_ready();
  shutdown_.WaitForNotification();
  pods_->Stop();
  node_lease_->Stop();
  node_agent_->Stop();
  server_->Stop();
  if (health_ != nullptr) health_->Stop();
  recorder_->Flush(absl::Seconds(2));
  KLOG(Info) << "kubelet stopped";
  return absl::OkStatus();
}

void Kubelet::Shutdown() {
  if (!shutdown_.HasBeenNotified()) shutdown_.Notify();
}

}  // namespace kube::kubelet
