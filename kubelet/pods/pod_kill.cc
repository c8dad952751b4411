// PodSyncer: stopping pods (deletion, completion, orphans) and container garbage.

#include <set>
#include <thread>

#include "common/log/log.h"
#include "common/util/strings.h"
#include "kubelet/container/labels.h"
#include "kubelet/pods/pod_syncer.h"

namespace kube::kubelet {

using k8s::core::v1::Pod;

namespace {

// Upstream's minimumGracePeriodInSeconds: SIGTERM always gets this long.
constexpr absl::Duration kMinimumGraceAfterPreStop = absl::Seconds(2);

const k8s::core::v1::Container* FindContainer(const Pod& pod, const std::string& name) {
  for (const auto& container : pod.spec().containers()) {
    if (container.name() == name) return &container;
  }
  return nullptr;
}

}  // namespace

void PodSyncer::KillContainers(const Pod* pod, const std::vector<ContainerToKill>& kills,
                               absl::Duration grace) {
  std::vector<std::thread> stoppers;
  for (const ContainerToKill& kill : kills) {
    if (pod != nullptr) {
      bool init = false;
      for (const auto& c : pod->spec().initcontainers()) init = init || c.name() == kill.name;
      Event(*pod, kube::StrCat(init ? "spec.initContainers{" : "spec.containers{", kill.name, "}"),
            "Normal", kill.reason, kill.message);
    }
    const k8s::core::v1::LifecycleHandler* pre_stop = nullptr;
    const k8s::core::v1::Container* spec = pod != nullptr ? FindContainer(*pod, kill.name) : nullptr;
    if (spec != nullptr && spec->has_lifecycle() && spec->lifecycle().has_prestop()) {
      pre_stop = &spec->lifecycle().prestop();
    }
    // Each container gets the whole grace period: stop them side by side. A preStop
    // hook runs first, within the grace period; what it leaves (at least upstream's
    // two seconds) is the container's to exit on SIGTERM.
    stoppers.emplace_back([this, pod, spec, pre_stop, id = kill.id, name = kill.name, grace] {
      absl::Duration remaining = grace;
      if (pre_stop != nullptr) {
        absl::Time start = absl::Now();
        std::optional<std::string> failed = hooks_.Run(*pre_stop, HookTarget(*pod, *spec, id), grace);
        if (failed) {
          Event(*pod, kube::StrCat("spec.containers{", name, "}"), "Warning", "FailedPreStopHook",
                kube::StrCat("PreStopHook failed: ", *failed));
        }
        remaining = std::max(grace - (absl::Now() - start), kMinimumGraceAfterPreStop);
      }
      absl::Status stopped = deps_.runtime->StopContainer(id, remaining);
      if (!stopped.ok() && !absl::IsNotFound(stopped)) {
        KLOG(Warning) << "stopping container " << name << " (" << id << "): " << stopped;
      }
    });
  }
  for (std::thread& stopper : stoppers) stopper.join();
}

void PodSyncer::KillPod(const Pod* pod, const RuntimePod& runtime, absl::Duration grace) {
  std::vector<ContainerToKill> kills;
  for (const ContainerStatus& container : runtime.containers) {
    if (container.state != ContainerState::kRunning &&
        container.state != ContainerState::kCreated) {
      continue;
    }
    // A pod whose object is gone stops with the grace period its containers carry.
    if (pod == nullptr)
      grace = std::max(grace, absl::Seconds(GracePeriodOf(container.annotations)));
    kills.push_back({container.id, container.name, "Killing",
                     kube::StrCat("Stopping container ", container.name)});
  }
  KillContainers(pod, kills, grace);
  for (const PodSandboxStatus& sandbox : runtime.sandboxes) {
    if (sandbox.state != SandboxState::kReady) continue;
    absl::Status stopped = deps_.runtime->StopPodSandbox(sandbox.id);
    if (!stopped.ok()) KLOG(Warning) << "stopping sandbox " << sandbox.id << ": " << stopped;
  }
}

absl::StatusOr<absl::Duration> PodSyncer::Terminate(const Pod& pod, RuntimePod& runtime) {
  KillPod(&pod, runtime, GracePeriod(pod));
  deps_.probes->RemovePod(pod.metadata().uid());
  absl::Status reported = ReportStatus(pod, /*terminal=*/true);
  if (!reported.ok()) return reported;
  // Reported: the sandbox (and with it the containers) can go, then the object (the
  // apiserver keeps a bound pod until its kubelet says so).
  if (absl::Status removed = RemoveAll(runtime); !removed.ok()) return removed;
  k8s::meta::v1::DeleteOptions options;
  options.set_graceperiodseconds(0);
  options.mutable_preconditions()->set_uid(pod.metadata().uid());
  absl::StatusOr<std::unique_ptr<Pod>> deleted =
      deps_.client->Delete<Pod>(pod.metadata().namespace_(), pod.metadata().name(), options);
  if (!deleted.ok() && !absl::IsNotFound(deleted.status()) && !absl::IsAborted(deleted.status())) {
    return deleted.status();
  }
  // The informer's delete event brings the final cleanup; look again in case it
  // was missed.
  return options_.resync_period;
}

absl::StatusOr<absl::Duration> PodSyncer::Finish(const Pod& pod, RuntimePod& runtime,
                                                 const std::string& reason,
                                                 const std::string& message) {
  KillPod(&pod, runtime, GracePeriod(pod));
  deps_.probes->RemovePod(pod.metadata().uid());
  absl::Status reported = ReportStatus(pod, /*terminal=*/true, reason, message);
  if (!reported.ok()) return reported;
  return options_.resync_period;
}

absl::Status PodSyncer::RemoveAll(const RuntimePod& runtime) {
  for (const ContainerStatus& container : runtime.containers) {
    absl::Status removed = deps_.runtime->RemoveContainer(container.id);
    if (!removed.ok() && !absl::IsNotFound(removed)) return removed;
  }
  for (const PodSandboxStatus& sandbox : runtime.sandboxes) {
    absl::Status removed = deps_.runtime->RemovePodSandbox(sandbox.id);
    if (!removed.ok() && !absl::IsNotFound(removed)) return removed;
  }
  return absl::OkStatus();
}

absl::StatusOr<absl::Duration> PodSyncer::Cleanup(const std::string& uid, RuntimePod& runtime) {
  KillPod(nullptr, runtime, options_.min_grace_period);
  if (absl::Status removed = RemoveAll(runtime); !removed.ok()) return removed;
  if (absl::Status removed = deps_.volumes->TearDownPod(uid); !removed.ok()) return removed;
  deps_.probes->RemovePod(uid);
  deps_.status->ForgetPod(uid);
  {
    absl::MutexLock lock(&mu_);
    sync_errors_.erase(uid);
  }
  // Back-off entries of pods long gone (quiet for 10 minutes) are forgotten.
  crash_backoff_.GC();
  puller_.backoff().GC();
  if (!runtime.Empty()) KLOG(Info) << "cleaned up pod " << uid << " (its object is gone)";
  return absl::InfiniteDuration();
}

void PodSyncer::CollectGarbage(const RuntimePod& runtime) {
  std::map<std::string, int> seen;
  std::set<std::string> sandboxes_in_use;
  for (const ContainerStatus& container : runtime.containers) {
    // Newest first: the newest two (current and last state) of each name stay.
    if (++seen[container.name] <= 2 || container.state == ContainerState::kRunning) {
      sandboxes_in_use.insert(container.sandbox_id);
      continue;
    }
    absl::Status removed = deps_.runtime->RemoveContainer(container.id);
    if (!removed.ok()) KLOG(Warning) << "removing container " << container.id << ": " << removed;
  }
  for (size_t i = 1; i < runtime.sandboxes.size(); ++i) {  // never the newest
    const PodSandboxStatus& sandbox = runtime.sandboxes[i];
    if (sandbox.state == SandboxState::kReady || sandboxes_in_use.contains(sandbox.id)) continue;
    absl::Status removed = deps_.runtime->RemovePodSandbox(sandbox.id);
    if (!removed.ok()) KLOG(Warning) << "removing sandbox " << sandbox.id << ": " << removed;
  }
}

}  // namespace kube::kubelet
