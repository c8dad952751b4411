#include "kubelet/status/container_statuses.h"

#include "kubelet/container/api_time.h"
#include "kubelet/container/labels.h"

namespace kube::kubelet {
namespace {

using k8s::core::v1::Container;

void SetTerminated(const PodStatusInput& input, const ContainerStatus& runtime,
                   k8s::core::v1::ContainerState& state) {
  auto* terminated = state.mutable_terminated();
  terminated->set_exitcode(runtime.exit_code);
  std::string reason = runtime.reason;
  if (reason.empty()) reason = runtime.exit_code == 0 ? "Completed" : "Error";
  terminated->set_reason(reason);
  if (!runtime.message.empty()) terminated->set_message(runtime.message);
  if (runtime.started_at != absl::InfinitePast()) {
    *terminated->mutable_startedat() = ToApiTime(runtime.started_at);
  }
  if (runtime.finished_at != absl::InfinitePast()) {
    *terminated->mutable_finishedat() = ToApiTime(runtime.finished_at);
  }
  terminated->set_containerid(ApiContainerId(input.runtime_name, runtime.id));
}

ProbeResult Probe(const PodStatusInput& input, const std::string& id, ProbeType type) {
  return input.probe_result ? input.probe_result(id, type) : ProbeResult::kUnknown;
}

}  // namespace

google::protobuf::RepeatedPtrField<k8s::core::v1::ContainerStatus> ContainerStatuses(
    const PodStatusInput& input, const google::protobuf::RepeatedPtrField<Container>& containers,
    bool init) {
  google::protobuf::RepeatedPtrField<k8s::core::v1::ContainerStatus> out;
  const bool has_init = input.pod->spec().initcontainers_size() > 0;
  for (const Container& spec : containers) {
    k8s::core::v1::ContainerStatus* status = out.Add();
    status->set_name(spec.name());
    status->set_image(spec.image());
    status->set_ready(false);
    status->set_restartcount(0);
    const ContainerStatus* latest = input.runtime->Latest(spec.name());
    auto error = input.sync_errors.find(spec.name());
    const bool has_error = error != input.sync_errors.end();

    if (latest == nullptr) {
      status->set_imageid("");
      status->set_started(false);
      auto* waiting = status->mutable_state()->mutable_waiting();
      waiting->set_reason(has_init ? "PodInitializing" : "ContainerCreating");
      if (has_error) {
        waiting->set_reason(error->second.reason);
        waiting->set_message(error->second.message);
      }
      continue;
    }

    status->set_imageid(latest->image_ref);
    status->set_containerid(ApiContainerId(input.runtime_name, latest->id));
    status->set_restartcount(static_cast<int32_t>(RestartCountOf(latest->annotations)));
    if (const ContainerStatus* previous = input.runtime->Previous(spec.name());
        previous != nullptr && previous->state == ContainerState::kExited) {
      SetTerminated(input, *previous, *status->mutable_laststate());
    }
    switch (latest->state) {
      case ContainerState::kRunning: {
        status->mutable_state()->mutable_running();
        if (latest->started_at != absl::InfinitePast()) {
          *status->mutable_state()->mutable_running()->mutable_startedat() =
              ToApiTime(latest->started_at);
        }
        bool started = !spec.has_startupprobe() ||
                       Probe(input, latest->id, ProbeType::kStartup) == ProbeResult::kSuccess;
        status->set_started(started);
        bool ready = !init && started &&
                     (!spec.has_readinessprobe() ||
                      Probe(input, latest->id, ProbeType::kReadiness) == ProbeResult::kSuccess);
        status->set_ready(ready);
        break;
      }
      case ContainerState::kExited:
        status->set_started(false);
        SetTerminated(input, *latest, *status->mutable_state());
        status->set_ready(init && latest->exit_code == 0);
        break;
      case ContainerState::kCreated:
        status->set_started(false);
        status->mutable_state()->mutable_waiting()->set_reason("ContainerCreating");
        break;
      case ContainerState::kUnknown:
        status->set_started(false);
        status->mutable_state()->mutable_waiting()->set_reason("ContainerStatusUnknown");
        break;
    }
    // A container the last sync could not (re)start waits, showing why; what it
    // last did moves to lastState.
    if (has_error && latest->state != ContainerState::kRunning) {
      if (status->state().has_terminated()) {
        *status->mutable_laststate() = status->state();
        status->set_ready(false);
      }
      status->mutable_state()->Clear();
      auto* waiting = status->mutable_state()->mutable_waiting();
      waiting->set_reason(error->second.reason);
      waiting->set_message(error->second.message);
    }
  }
  return out;
}

}  // namespace kube::kubelet
