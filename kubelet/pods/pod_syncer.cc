#include "kubelet/pods/pod_syncer.h"

#include <filesystem>

#include "common/log/log.h"
#include "common/util/strings.h"
#include "kubelet/container/api_time.h"
#include "kubelet/pods/etc_hosts.h"

namespace kube::kubelet {

using k8s::core::v1::Pod;

PodSyncer::PodSyncer(PodSyncerDeps deps, PodSyncerOptions options)
    : deps_(deps),
      options_(std::move(options)),
      crash_backoff_(absl::Seconds(10), absl::Minutes(5), options_.clock),
      puller_(*deps.runtime, deps.recorder, options_.clock),
      hooks_(*deps.runtime) {}

absl::StatusOr<absl::Duration> PodSyncer::Sync(const std::string& uid,
                                               const std::shared_ptr<const Pod>& pod) {
  absl::StatusOr<RuntimePod> runtime = GetRuntimePod(*deps_.runtime, uid);
  if (!runtime.ok()) return runtime.status();
  if (pod == nullptr) return Cleanup(uid, *runtime);
  if (pod->metadata().has_deletiontimestamp()) return Terminate(*pod, *runtime);

  const k8s::core::v1::PodStatus base = deps_.status->BaseStatus(*pod);
  if (IsTerminalPhase(base.phase()) || IsTerminalPhase(pod->status().phase())) {
    return Finish(*pod, *runtime, "", "");
  }
  if (pod->spec().has_activedeadlineseconds() && base.has_starttime() &&
      options_.clock() - FromApiTime(base.starttime()) >=
          absl::Seconds(pod->spec().activedeadlineseconds())) {
    Event(*pod, "", "Normal", "DeadlineExceeded",
          "Pod was active on the node longer than the specified deadline");
    return Finish(*pod, *runtime, "DeadlineExceeded",
                  "Pod was active on the node longer than the specified deadline");
  }
  return SyncActive(*pod, *runtime);
}

absl::StatusOr<absl::Duration> PodSyncer::SyncActive(const Pod& pod, RuntimePod& runtime) {
  const std::string& uid = pod.metadata().uid();
  const absl::Time now = options_.clock();
  PodActions actions = ComputePodActions(pod, runtime, [this](const std::string& id) {
    return deps_.probes->Result(id, ProbeType::kLiveness) == ProbeResult::kFailure ||
           deps_.probes->Result(id, ProbeType::kStartup) == ProbeResult::kFailure;
  });

  if (actions.kill_pod) {
    KillPod(&pod, runtime, GracePeriod(pod));
    if (!actions.create_sandbox) {
      absl::Status reported = ReportStatus(pod, false);
      if (!reported.ok()) return reported;
      return options_.resync_period;
    }
  } else if (!actions.containers_to_kill.empty()) {
    KillContainers(&pod, actions.containers_to_kill, GracePeriod(pod));
  }
  CollectGarbage(runtime);

  const PodDns dns = PodDnsConfig(pod, options_.dns);
  const PodSandboxConfig sandbox_config =
      MakeSandboxConfig(pod, actions.sandbox_attempt, deps_.volumes->PodDir(uid), dns,
                        options_.cgroup_root);
  std::string sandbox_id = actions.sandbox_id;
  if (actions.create_sandbox) {
    // The runtime writes container logs under the pod's directory; it must exist.
    std::error_code ignored;
    std::filesystem::create_directories(sandbox_config.log_directory, ignored);
    if (dns.missing_cluster_dns) {
      Event(pod, "", "Warning", "MissingClusterDNS",
            "pod: \"" + pod.metadata().name() + "_" + pod.metadata().namespace_() +
                "\". kubelet does not have ClusterDNS IP configured and cannot create Pod using "
                "\"ClusterFirst\" policy. Falling back to \"Default\" policy.");
    }
    absl::StatusOr<std::string> created = deps_.runtime->RunPodSandbox(sandbox_config);
    if (!created.ok()) {
      Event(pod, "", "Warning", "FailedCreatePodSandBox",
            kube::StrCat("Failed to create pod sandbox: ", created.status().message()));
      (void)ReportStatus(pod, false);
      return created.status();
    }
    sandbox_id = *created;
  }
  std::string pod_ip;
  if (pod.spec().hostnetwork()) {
    pod_ip = options_.host_ip;
  } else if (absl::StatusOr<PodSandboxStatus> sandbox =
                 deps_.runtime->GetPodSandboxStatus(sandbox_id);
             sandbox.ok()) {
    pod_ip = sandbox->ip;
  }

  absl::StatusOr<PodVolumes> volumes = deps_.volumes->SetUpPod(pod, pod_ip, options_.host_ip);
  if (!volumes.ok()) {
    Event(pod, "", "Warning", "FailedMount", std::string(volumes.status().message()));
    (void)ReportStatus(pod, false);
    return std::min(options_.resync_period, absl::Seconds(2));
  }
  if (!pod.spec().hostnetwork()) {
    absl::StatusOr<std::string> hosts =
        WriteEtcHosts(deps_.volumes->PodDir(uid), pod, pod_ip, options_.dns.cluster_domain);
    if (hosts.ok()) (*volumes)["..etc-hosts"] = PodVolume{*hosts, false};
  }

  std::map<std::string, ContainerSyncError> errors;
  std::vector<std::string> attempted;
  absl::Time wake = absl::InfiniteFuture();
  if (actions.next_init_container >= 0) {
    const auto& init = pod.spec().initcontainers(actions.next_init_container);
    attempted.push_back(init.name());
    wake = std::min(wake, StartContainer(pod, runtime, init, true, sandbox_id, sandbox_config,
                                         pod_ip, *volumes, errors));
  }
  for (int index : actions.containers_to_start) {
    const auto& container = pod.spec().containers(index);
    attempted.push_back(container.name());
    wake = std::min(wake, StartContainer(pod, runtime, container, false, sandbox_id, sandbox_config,
                                         pod_ip, *volumes, errors));
  }
  UpdateSyncErrors(uid, errors, attempted);

  absl::Status reported = ReportStatus(pod, false);
  if (!reported.ok()) return reported;
  absl::Duration next = options_.resync_period;
  if (wake != absl::InfiniteFuture()) next = std::min(next, std::max(wake - now, absl::Seconds(1)));
  return next;
}

absl::Status PodSyncer::ReportStatus(const Pod& pod, bool terminal, const std::string& reason,
                                     const std::string& message) {
  const std::string& uid = pod.metadata().uid();
  absl::StatusOr<RuntimePod> runtime = GetRuntimePod(*deps_.runtime, uid);
  if (!runtime.ok()) return runtime.status();
  const k8s::core::v1::PodStatus old = deps_.status->BaseStatus(pod);
  // A finished pod whose containers were removed already reported how they ended.
  if (terminal && runtime->containers.empty() && old.containerstatuses_size() > 0) {
    return absl::OkStatus();
  }

  // The probes follow the running containers (seeded with readiness the API
  // already showed, so an adopted container does not flap).
  std::vector<ProbedContainer> running;
  std::string pod_ip = old.podip();
  if (const PodSandboxStatus* sandbox = runtime->LatestSandbox();
      sandbox != nullptr && sandbox->state == SandboxState::kReady && !sandbox->ip.empty()) {
    pod_ip = sandbox->ip;
  }
  if (!terminal) {
    for (const auto& container : pod.spec().containers()) {
      const ContainerStatus* latest = runtime->Latest(container.name());
      if (latest == nullptr || latest->state != ContainerState::kRunning) continue;
      bool was_ready = false;
      for (const auto& status : old.containerstatuses()) {
        if (status.containerid() == ApiContainerId(options_.runtime_name, latest->id)) {
          was_ready = status.ready();
        }
      }
      running.push_back({container.name(), latest->id, latest->started_at, was_ready});
    }
    deps_.probes->UpdatePod(pod, pod_ip, running);
  } else {
    deps_.probes->RemovePod(uid);
  }

  PodStatusInput input;
  input.pod = &pod;
  input.old_status = &old;
  input.runtime = &*runtime;
  input.runtime_name = options_.runtime_name;
  input.host_ip = options_.host_ip;
  input.sync_errors = terminal ? std::map<std::string, ContainerSyncError>() : SyncErrors(uid);
  input.probe_result = [this](const std::string& id, ProbeType type) {
    return deps_.probes->Result(id, type);
  };
  input.terminal = terminal;
  input.now = options_.clock();
  k8s::core::v1::PodStatus status = ComputePodStatus(input);
  if (!reason.empty()) {
    status.set_phase("Failed");
    status.set_reason(reason);
    status.set_message(message);
  }
  return deps_.status->SetPodStatus(pod, std::move(status));
}

void PodSyncer::UpdateSyncErrors(const std::string& uid,
                                 const std::map<std::string, ContainerSyncError>& errors,
                                 const std::vector<std::string>& attempted) {
  absl::MutexLock lock(&mu_);
  auto& cache = sync_errors_[uid];
  for (const std::string& name : attempted) {
    auto it = errors.find(name);
    if (it == errors.end()) {
      cache.erase(name);
    } else {
      cache[name] = it->second;
    }
  }
  if (cache.empty()) sync_errors_.erase(uid);
}

std::map<std::string, ContainerSyncError> PodSyncer::SyncErrors(const std::string& uid) {
  absl::MutexLock lock(&mu_);
  auto it = sync_errors_.find(uid);
  return it == sync_errors_.end() ? std::map<std::string, ContainerSyncError>() : it->second;
}

absl::Duration PodSyncer::GracePeriod(const Pod& pod) const {
  int64_t seconds = 30;
  if (pod.metadata().has_deletiongraceperiodseconds()) {
    seconds = pod.metadata().deletiongraceperiodseconds();
  } else if (pod.spec().has_terminationgraceperiodseconds()) {
    seconds = pod.spec().terminationgraceperiodseconds();
  }
  return std::max(absl::Seconds(seconds), options_.min_grace_period);
}

void PodSyncer::Event(const Pod& pod, const std::string& container_field, std::string_view type,
                      std::string_view reason, std::string_view message) {
  if (deps_.recorder == nullptr) return;
  k8s::core::v1::ObjectReference reference = events::ReferenceTo(pod);
  if (!container_field.empty()) reference.set_fieldpath(container_field);
  deps_.recorder->Record(reference, type, reason, message);
}

}  // namespace kube::kubelet
