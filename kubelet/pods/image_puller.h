#pragma once

#include <functional>
#include <optional>
#include <string>

#include "common/events/event_recorder.h"
#include "k8s/core/v1/core.pb.h"
#include "kubelet/backoff/backoff.h"
#include "kubelet/runtime/runtime.h"
#include "kubelet/status/pod_status.h"

namespace kube::kubelet {

// The image a container runs, or why it cannot be had.
struct ImageOutcome {
  std::string image_ref;
  std::optional<ContainerSyncError> error;  // ErrImagePull, ImagePullBackOff, ErrImageNeverPull
};

// Upstream's image manager: pulls per imagePullPolicy (Always, IfNotPresent,
// Never), backs off failed pulls per pod and image (10 s doubling to 5 min), and
// records Pulling / Pulled / Failed / BackOff / ErrImageNeverPull events.
// Thread-safe.
class ImagePuller {
 public:
  // `recorder` may be null. `reference` builds an event's object reference for the
  // container (its fieldPath).
  ImagePuller(Runtime& runtime, events::EventRecorder* recorder,
              std::function<absl::Time()> clock = absl::Now);

  ImageOutcome EnsureImage(const k8s::core::v1::Pod& pod, const k8s::core::v1::Container& container,
                           const k8s::core::v1::ObjectReference& reference);

  Backoff& backoff() { return backoff_; }

 private:
  void Event(const k8s::core::v1::ObjectReference& reference, std::string_view type,
             std::string_view reason, std::string_view message);

  Runtime& runtime_;
  events::EventRecorder* const recorder_;
  const std::function<absl::Time()> clock_;
  Backoff backoff_;  // keyed "<pod uid>_<image>"; thread-safe
};

}  // namespace kube::kubelet
