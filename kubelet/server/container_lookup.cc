#include "kubelet/server/container_lookup.h"

#include <algorithm>

#include "common/util/strings.h"
#include "kubelet/container/labels.h"

namespace kube::kubelet {

absl::StatusOr<ContainerStatus> FindPodContainer(Runtime& runtime, const std::string& ns,
                                                 const std::string& pod,
                                                 const std::string& container, bool previous) {
  ContainerFilter filter;
  filter.labels = {{kPodNamespaceLabel, ns},
                   {kPodNameLabel, pod},
                   {kContainerNameLabel, container}};
  absl::StatusOr<std::vector<ContainerStatus>> found = runtime.ListContainers(filter);
  if (!found.ok()) return found.status();
  // Newest first: by restart count, then by creation for equal counts.
  std::sort(found->begin(), found->end(), [](const ContainerStatus& a, const ContainerStatus& b) {
    if (a.attempt != b.attempt) return a.attempt > b.attempt;
    return a.created_at > b.created_at;
  });
  size_t wanted = previous ? 1 : 0;
  if (found->size() <= wanted) {
    if (previous) {
      return absl::NotFoundError(kube::StrCat("previous terminated container \"", container,
                                              "\" in pod \"", pod, "\" not found"));
    }
    return absl::NotFoundError(
        kube::StrCat("container \"", container, "\" in pod \"", pod, "\" is not available"));
  }
  return runtime.GetContainerStatus((*found)[wanted].id);
}

}  // namespace kube::kubelet
