#include "kubelet/pods/container_config.h"

#include "common/util/strings.h"
#include "kubelet/container/labels.h"
#include "kubelet/qos/qos.h"

namespace kube::kubelet {

ContainerConfig MakeContainerConfig(const k8s::core::v1::Pod& pod,
                                    const k8s::core::v1::Container& container, uint32_t attempt,
                                    const std::string& image_ref, const EnvList& env,
                                    std::vector<Mount> mounts) {
  ContainerConfig config;
  config.name = container.name();
  config.attempt = attempt;
  config.image = image_ref.empty() ? container.image() : image_ref;
  config.command = ExpandCommand(container.command(), env);
  config.args = ExpandCommand(container.args(), env);
  config.working_dir = container.workingdir();
  config.envs = env;
  config.mounts = std::move(mounts);
  config.labels = ContainerLabels(pod, container.name());
  auto annotations = ContainerAnnotations(pod, container, attempt);
  config.annotations.insert(annotations.begin(), annotations.end());
  config.log_path = kube::StrCat(container.name(), "/", attempt, ".log");
  config.stdin_open = container.stdin();
  config.tty = container.tty();
  config.resources = ContainerLinuxResources(container);
  return config;
}

}  // namespace kube::kubelet
