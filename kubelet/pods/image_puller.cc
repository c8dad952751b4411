#include "kubelet/pods/image_puller.h"

#include "common/util/strings.h"

namespace kube::kubelet {
namespace {

// Upstream's default: Always for ":latest" or no tag, IfNotPresent otherwise.
std::string PolicyOf(const k8s::core::v1::Container& container) {
  if (!container.imagepullpolicy().empty()) return container.imagepullpolicy();
  const std::string& image = container.image();
  std::string name = image.substr(0, image.find('@'));
  size_t colon = name.rfind(':');
  size_t slash = name.rfind('/');
  bool tagged = colon != std::string::npos && (slash == std::string::npos || colon > slash);
  bool latest = tagged ? name.substr(colon + 1) == "latest" : image.find('@') == std::string::npos;
  return latest ? "Always" : "IfNotPresent";
}

}  // namespace

ImagePuller::ImagePuller(Runtime& runtime, events::EventRecorder* recorder,
                         std::function<absl::Time()> clock)
    : runtime_(runtime),
      recorder_(recorder),
      clock_(clock),
      backoff_(absl::Seconds(10), absl::Minutes(5), clock) {}

void ImagePuller::Event(const k8s::core::v1::ObjectReference& reference, std::string_view type,
                        std::string_view reason, std::string_view message) {
  if (recorder_ != nullptr) recorder_->Record(reference, type, reason, message);
}

ImageOutcome ImagePuller::EnsureImage(const k8s::core::v1::Pod& pod,
                                      const k8s::core::v1::Container& container,
                                      const k8s::core::v1::ObjectReference& reference) {
  const std::string& image = container.image();
  ImageOutcome outcome;
  if (image.empty()) {
    outcome.error = ContainerSyncError{"InvalidImageName", "image is empty"};
    return outcome;
  }
  absl::StatusOr<ImageInfo> present = runtime_.GetImageStatus(image);
  const std::string policy = PolicyOf(container);
  const bool pull = policy == "Always" || (policy == "IfNotPresent" && !present.ok());
  if (!pull) {
    if (present.ok()) {
      Event(reference, "Normal", "Pulled",
            kube::StrCat("Container image \"", image, "\" already present on machine"));
      outcome.image_ref = present->id;
      return outcome;
    }
    std::string message =
        kube::StrCat("Container image \"", image, "\" is not present with pull policy of Never");
    Event(reference, "Warning", "ErrImageNeverPull", message);
    outcome.error = ContainerSyncError{"ErrImageNeverPull", message};
    return outcome;
  }
  const std::string key = kube::StrCat(pod.metadata().uid(), "_", image);
  if (backoff_.IsInBackOffSinceUpdate(key)) {
    std::string message = kube::StrCat("Back-off pulling image \"", image, "\"");
    Event(reference, "Normal", "BackOff", message);
    outcome.error = ContainerSyncError{"ImagePullBackOff", message};
    return outcome;
  }
  Event(reference, "Normal", "Pulling", kube::StrCat("Pulling image \"", image, "\""));
  absl::Time start = clock_();
  absl::StatusOr<std::string> ref = runtime_.PullImage(image);
  if (!ref.ok()) {
    std::string message =
        kube::StrCat("Failed to pull image \"", image, "\": ", ref.status().message());
    Event(reference, "Warning", "Failed", message);
    backoff_.Next(key, clock_());
    outcome.error = ContainerSyncError{"ErrImagePull", message};
    return outcome;
  }
  absl::Duration took = clock_() - start;
  Event(reference, "Normal", "Pulled",
        kube::StrCat("Successfully pulled image \"", image, "\" in ",
                     absl::FormatDuration(std::max(absl::Trunc(took, absl::Milliseconds(1)),
                                                   absl::Milliseconds(1)))));
  backoff_.Reset(key);
  outcome.image_ref = *ref;
  return outcome;
}

}  // namespace kube::kubelet
