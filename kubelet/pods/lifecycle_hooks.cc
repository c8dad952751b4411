#include "kubelet/pods/lifecycle_hooks.h"

#include <algorithm>
#include <thread>

#include "common/util/strings.h"

namespace kube::kubelet {

std::optional<std::string> LifecycleHookRunner::Run(const k8s::core::v1::LifecycleHandler& handler,
                                                     const ProbeTarget& target,
                                                     absl::Duration timeout) {
  if (handler.has_sleep()) {
    absl::Duration sleep = std::min(absl::Seconds(handler.sleep().seconds()), timeout);
    if (sleep > absl::ZeroDuration()) std::this_thread::sleep_for(absl::ToChronoNanoseconds(sleep));
    return std::nullopt;
  }
  // The probe handlers have the same shape: run the hook as a probe with the
  // hook's deadline (whole seconds, at least one).
  k8s::core::v1::Probe probe;
  auto* probe_handler = probe.mutable_handler();
  if (handler.has_exec()) {
    *probe_handler->mutable_exec() = handler.exec();
  } else if (handler.has_httpget()) {
    *probe_handler->mutable_httpget() = handler.httpget();
  } else if (handler.has_tcpsocket()) {
    *probe_handler->mutable_tcpsocket() = handler.tcpsocket();
  } else {
    return "the handler has no action";
  }
  probe.set_timeoutseconds(static_cast<int32_t>(
      std::max<int64_t>(1, absl::ToInt64Seconds(absl::Ceil(timeout, absl::Seconds(1))))));
  ProbeOutcome outcome = prober_.Run(probe, target);
  if (outcome.result == ProbeResult::kSuccess) return std::nullopt;
  return outcome.output.empty() ? std::string("the handler failed") : outcome.output;
}

ProbeTarget HookTarget(const k8s::core::v1::Pod& pod, const k8s::core::v1::Container& container,
                       const std::string& container_id) {
  ProbeTarget target;
  target.container_id = container_id;
  target.pod_ip = pod.status().podip();
  target.ports.assign(container.ports().begin(), container.ports().end());
  return target;
}

}  // namespace kube::kubelet
