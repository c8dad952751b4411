// PodSyncer: starting one container (back-off, image, config, create, start).

#include <filesystem>

#include "common/log/log.h"
#include "common/util/strings.h"
#include "kubelet/container/labels.h"
#include "kubelet/env/environment.h"
#include "kubelet/pods/container_config.h"
#include "kubelet/pods/etc_hosts.h"
#include "kubelet/pods/pod_syncer.h"

namespace kube::kubelet {
namespace {

std::string FieldPath(const k8s::core::v1::Container& container, bool init) {
  return kube::StrCat(init ? "spec.initContainers{" : "spec.containers{", container.name(), "}");
}

// "web_default(uid)": how upstream names a pod in messages.
std::string PodDescription(const k8s::core::v1::Pod& pod) {
  return kube::StrCat(pod.metadata().name(), "_", pod.metadata().namespace_(), "(",
                      pod.metadata().uid(), ")");
}

}  // namespace

absl::Time PodSyncer::StartContainer(const k8s::core::v1::Pod& pod, const RuntimePod& runtime,
                                     const k8s::core::v1::Container& container, bool init,
                                     const std::string& sandbox_id,
                                     const PodSandboxConfig& sandbox_config,
                                     const std::string& pod_ip, const PodVolumes& volumes,
                                     std::map<std::string, ContainerSyncError>& errors) {
  const std::string field = FieldPath(container, init);
  const std::string& name = container.name();
  const ContainerStatus* latest = runtime.Latest(name);

  // A container that exited backs off before it starts again (CrashLoopBackOff).
  if (latest != nullptr && latest->state == ContainerState::kExited) {
    const std::string key = kube::StrCat(pod.metadata().uid(), "_", name);
    const absl::Time exited =
        latest->finished_at == absl::InfinitePast() ? options_.clock() : latest->finished_at;
    if (crash_backoff_.IsInBackOffSince(key, exited)) {
      Event(pod, field, "Warning", "BackOff",
            kube::StrCat("Back-off restarting failed container ", name, " in pod ",
                         PodDescription(pod)));
      errors[name] = ContainerSyncError{
          "CrashLoopBackOff",
          kube::StrCat("back-off ", absl::FormatDuration(crash_backoff_.Get(key)),
                       " restarting failed container=", name, " pod=", PodDescription(pod))};
      return crash_backoff_.BackoffEnds(key, exited);
    }
    crash_backoff_.Next(key, exited);
  }

  k8s::core::v1::ObjectReference reference = events::ReferenceTo(pod);
  reference.set_fieldpath(field);
  ImageOutcome image = puller_.EnsureImage(pod, container, reference);
  if (image.error) {
    errors[name] = *image.error;
    absl::Duration delay =
        puller_.backoff().Get(kube::StrCat(pod.metadata().uid(), "_", container.image()));
    return options_.clock() + std::max(delay, absl::Seconds(1));
  }

  EnvContext env_context;
  env_context.pod = &pod;
  env_context.pod_ip = pod_ip;
  env_context.host_ip = options_.host_ip;
  env_context.objects = deps_.objects;
  env_context.node_allocatable_milli_cpu = options_.node_allocatable_milli_cpu;
  env_context.node_allocatable_memory = options_.node_allocatable_memory;
  absl::StatusOr<EnvList> env = MakeEnvironment(container, env_context);
  absl::StatusOr<std::vector<Mount>> mounts =
      env.ok() ? VolumeManager::ContainerMounts(container, volumes, *env)
               : absl::StatusOr<std::vector<Mount>>(env.status());
  if (!mounts.ok()) {
    std::string message = kube::StrCat("Error: ", mounts.status().message());
    Event(pod, field, "Warning", "Failed", message);
    errors[name] = ContainerSyncError{"CreateContainerConfigError", message.substr(7)};
    return options_.clock() + absl::Seconds(5);
  }
  if (auto hosts = volumes.find("..etc-hosts");
      hosts != volumes.end() && WantsEtcHosts(pod, container)) {
    mounts->push_back(Mount{"/etc/hosts", hosts->second.host_path, false});
  }

  const uint32_t attempt = latest == nullptr ? 0 : RestartCountOf(latest->annotations) + 1;
  ContainerConfig config =
      MakeContainerConfig(pod, container, attempt, image.image_ref, *env, std::move(*mounts));
  // <pod dir>/<container>/: where its log files go (the runtime writes them).
  std::error_code ignored;
  std::filesystem::create_directories(
      kube::StrCat(sandbox_config.log_directory, "/", container.name()), ignored);
  absl::StatusOr<std::string> id =
      deps_.runtime->CreateContainer(sandbox_id, config, sandbox_config);
  if (!id.ok()) {
    std::string message = std::string(id.status().message());
    Event(pod, field, "Warning", "Failed", kube::StrCat("Error: ", message));
    errors[name] = ContainerSyncError{"CreateContainerError", message};
    return options_.clock() + absl::Seconds(5);
  }
  Event(pod, field, "Normal", "Created", kube::StrCat("Created container: ", name));
  absl::Status started = deps_.runtime->StartContainer(*id);
  if (!started.ok()) {
    std::string message = std::string(started.message());
    Event(pod, field, "Warning", "Failed", kube::StrCat("Error: ", message));
    errors[name] = ContainerSyncError{"RunContainerError", message};
    return options_.clock() + absl::Seconds(5);
  }
  Event(pod, field, "Normal", "Started", kube::StrCat("Started container ", name));
  if (container.has_lifecycle() && container.lifecycle().has_poststart()) {
    // As upstream: the container counts as started only once its postStart hook
    // succeeded; a failed hook kills it, and the restart policy decides what next.
    ProbeTarget target = HookTarget(pod, container, *id);
    target.pod_ip = pod_ip;
    std::optional<std::string> failed =
        hooks_.Run(container.lifecycle().poststart(), target, GracePeriod(pod));
    if (failed) {
      std::string message = kube::StrCat("PostStartHook failed: ", *failed);
      Event(pod, field, "Warning", "FailedPostStartHook", message);
      absl::Status stopped = deps_.runtime->StopContainer(*id, GracePeriod(pod));
      if (!stopped.ok()) KLOG(Warning) << "stopping container " << name << ": " << stopped;
      errors[name] = ContainerSyncError{"PostStartHookError", message};
      return options_.clock() + absl::Seconds(1);
    }
  }
  return absl::InfiniteFuture();
}

}  // namespace kube::kubelet
