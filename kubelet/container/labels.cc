#include "kubelet/container/labels.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"

namespace kube::kubelet {

std::map<std::string, std::string> SandboxLabels(const k8s::core::v1::Pod& pod) {
  std::map<std::string, std::string> labels(pod.metadata().labels().begin(),
                                            pod.metadata().labels().end());
  labels[kPodNameLabel] = pod.metadata().name();
  labels[kPodNamespaceLabel] = pod.metadata().namespace_();
  labels[kPodUidLabel] = pod.metadata().uid();
  labels[kManagedLabel] = "true";
  return labels;
}

std::map<std::string, std::string> ContainerLabels(const k8s::core::v1::Pod& pod,
                                                   const std::string& container_name) {
  return {{kPodNameLabel, pod.metadata().name()},
          {kPodNamespaceLabel, pod.metadata().namespace_()},
          {kPodUidLabel, pod.metadata().uid()},
          {kContainerNameLabel, container_name},
          {kManagedLabel, "true"}};
}

std::map<std::string, std::string> ContainerAnnotations(const k8s::core::v1::Pod& pod,
                                                        const k8s::core::v1::Container& container,
                                                        uint32_t restart_count) {
  int64_t grace = pod.spec().has_terminationgraceperiodseconds()
                      ? pod.spec().terminationgraceperiodseconds()
                      : 30;
  return {{kContainerHashAnnotation, ContainerHash(container)},
          {kRestartCountAnnotation, std::to_string(restart_count)},
          {kTerminationGracePeriodAnnotation, std::to_string(grace)}};
}

std::string ContainerHash(const k8s::core::v1::Container& container) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    container.SerializeToCodedStream(&coded);
  }
  uint64_t hash = 14695981039346656037ull;  // FNV-1a offset basis
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return absl::StrFormat("%016x", hash);
}

uint32_t RestartCountOf(const std::map<std::string, std::string>& annotations) {
  auto it = annotations.find(kRestartCountAnnotation);
  uint32_t count = 0;
  if (it == annotations.end() || !absl::SimpleAtoi(it->second, &count)) return 0;
  return count;
}

int64_t GracePeriodOf(const std::map<std::string, std::string>& annotations) {
  auto it = annotations.find(kTerminationGracePeriodAnnotation);
  int64_t seconds = 30;
  if (it == annotations.end() || !absl::SimpleAtoi(it->second, &seconds)) return 30;
  return seconds;
}

}  // namespace kube::kubelet
