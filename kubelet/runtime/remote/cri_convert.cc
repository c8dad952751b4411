#include "kubelet/runtime/remote/cri_convert.h"

#include <algorithm>

namespace kube::kubelet::remote {
namespace {

template <typename ProtoMap>
std::map<std::string, std::string> ToStdMap(const ProtoMap& map) {
  return std::map<std::string, std::string>(map.begin(), map.end());
}

template <typename ProtoMap>
void CopyMap(const std::map<std::string, std::string>& from, ProtoMap* to) {
  for (const auto& [key, value] : from) (*to)[key] = value;
}

cri::Protocol ProtocolToCri(const std::string& protocol) {
  if (protocol == "UDP") return cri::UDP;
  if (protocol == "SCTP") return cri::SCTP;
  return cri::TCP;
}

// The namespaces a pod's sandbox and containers share: the network of the node or
// the pod, one IPC namespace per pod, one PID namespace per container.
cri::NamespaceOption PodNamespaces(const PodSandboxConfig& sandbox) {
  cri::NamespaceOption options;
  options.set_network(sandbox.host_network ? cri::NODE : cri::POD);
  options.set_ipc(cri::POD);
  options.set_pid(cri::CONTAINER);
  return options;
}

}  // namespace

absl::Time TimeFromNanos(int64_t nanos) {
  return nanos == 0 ? absl::InfinitePast() : absl::FromUnixNanos(nanos);
}

int64_t NanosFromTime(absl::Time time) {
  return time == absl::InfinitePast() ? 0 : absl::ToUnixNanos(time);
}

int64_t SecondsRoundedUp(absl::Duration duration) {
  if (duration <= absl::ZeroDuration()) return 0;
  return absl::ToInt64Seconds(absl::Ceil(duration, absl::Seconds(1)));
}

cri::PodSandboxConfig ToCri(const PodSandboxConfig& config) {
  cri::PodSandboxConfig out;
  cri::PodSandboxMetadata* metadata = out.mutable_metadata();
  metadata->set_name(config.name);
  metadata->set_uid(config.uid);
  metadata->set_namespace_(config.namespace_);
  metadata->set_attempt(config.attempt);
  out.set_hostname(config.hostname);
  out.set_log_directory(config.log_directory);
  if (!config.dns_servers.empty() || !config.dns_searches.empty() ||
      !config.dns_options.empty()) {
    cri::DNSConfig* dns = out.mutable_dns_config();
    for (const std::string& server : config.dns_servers) dns->add_servers(server);
    for (const std::string& search : config.dns_searches) dns->add_searches(search);
    for (const std::string& option : config.dns_options) dns->add_options(option);
  }
  for (const PortMapping& port : config.port_mappings) {
    cri::PortMapping* mapping = out.add_port_mappings();
    mapping->set_protocol(ProtocolToCri(port.protocol));
    mapping->set_container_port(port.container_port);
    mapping->set_host_port(port.host_port);
    mapping->set_host_ip(port.host_ip);
  }
  CopyMap(config.labels, out.mutable_labels());
  CopyMap(config.annotations, out.mutable_annotations());
  cri::LinuxPodSandboxConfig* linux = out.mutable_linux();
  linux->set_cgroup_parent(config.cgroup_parent);
  *linux->mutable_security_context()->mutable_namespace_options() = PodNamespaces(config);
  return out;
}

PodSandboxStatus FromCri(const cri::PodSandboxStatus& status) {
  PodSandboxStatus out;
  out.id = status.id();
  out.state = status.state() == cri::SANDBOX_READY ? SandboxState::kReady
                                                   : SandboxState::kNotReady;
  out.ip = status.network().ip();
  out.created_at = TimeFromNanos(status.created_at());
  out.name = status.metadata().name();
  out.uid = status.metadata().uid();
  out.namespace_ = status.metadata().namespace_();
  out.attempt = status.metadata().attempt();
  out.labels = ToStdMap(status.labels());
  out.annotations = ToStdMap(status.annotations());
  return out;
}

PodSandboxStatus FromCri(const cri::PodSandbox& sandbox) {
  PodSandboxStatus out;
  out.id = sandbox.id();
  out.state = sandbox.state() == cri::SANDBOX_READY ? SandboxState::kReady
                                                    : SandboxState::kNotReady;
  out.created_at = TimeFromNanos(sandbox.created_at());
  out.name = sandbox.metadata().name();
  out.uid = sandbox.metadata().uid();
  out.namespace_ = sandbox.metadata().namespace_();
  out.attempt = sandbox.metadata().attempt();
  out.labels = ToStdMap(sandbox.labels());
  out.annotations = ToStdMap(sandbox.annotations());
  return out;
}

cri::ContainerConfig ToCri(const ContainerConfig& config, const PodSandboxConfig& sandbox) {
  cri::ContainerConfig out;
  out.mutable_metadata()->set_name(config.name);
  out.mutable_metadata()->set_attempt(config.attempt);
  out.mutable_image()->set_image(config.image);
  for (const std::string& word : config.command) out.add_command(word);
  for (const std::string& arg : config.args) out.add_args(arg);
  out.set_working_dir(config.working_dir);
  for (const auto& [key, value] : config.envs) {
    cri::KeyValue* env = out.add_envs();
    env->set_key(key);
    env->set_value(value);
  }
  for (const Mount& mount : config.mounts) {
    cri::Mount* out_mount = out.add_mounts();
    out_mount->set_container_path(mount.container_path);
    out_mount->set_host_path(mount.host_path);
    out_mount->set_readonly(mount.readonly);
  }
  CopyMap(config.labels, out.mutable_labels());
  CopyMap(config.annotations, out.mutable_annotations());
  out.set_log_path(config.log_path);
  out.set_stdin(config.stdin_open);
  out.set_tty(config.tty);
  cri::LinuxContainerConfig* linux = out.mutable_linux();
  cri::LinuxContainerResources* resources = linux->mutable_resources();
  resources->set_cpu_period(config.resources.cpu_period);
  resources->set_cpu_quota(config.resources.cpu_quota);
  resources->set_cpu_shares(config.resources.cpu_shares);
  resources->set_memory_limit_in_bytes(config.resources.memory_limit_bytes);
  *linux->mutable_security_context()->mutable_namespace_options() = PodNamespaces(sandbox);
  return out;
}

cri::ContainerFilter ToCri(const ContainerFilter& filter) {
  cri::ContainerFilter out;
  out.set_pod_sandbox_id(filter.sandbox_id);
  if (filter.state.has_value()) out.mutable_state()->set_state(ToCri(*filter.state));
  CopyMap(filter.labels, out.mutable_label_selector());
  return out;
}

cri::ContainerState ToCri(ContainerState state) {
  switch (state) {
    case ContainerState::kCreated:
      return cri::CONTAINER_CREATED;
    case ContainerState::kRunning:
      return cri::CONTAINER_RUNNING;
    case ContainerState::kExited:
      return cri::CONTAINER_EXITED;
    case ContainerState::kUnknown:
      break;
  }
  return cri::CONTAINER_UNKNOWN;
}

ContainerState FromCri(cri::ContainerState state) {
  switch (state) {
    case cri::CONTAINER_CREATED:
      return ContainerState::kCreated;
    case cri::CONTAINER_RUNNING:
      return ContainerState::kRunning;
    case cri::CONTAINER_EXITED:
      return ContainerState::kExited;
    default:
      return ContainerState::kUnknown;
  }
}

ContainerStatus FromCri(const cri::ContainerStatus& status) {
  ContainerStatus out;
  out.id = status.id();
  out.name = status.metadata().name();
  out.attempt = status.metadata().attempt();
  out.state = FromCri(status.state());
  out.created_at = TimeFromNanos(status.created_at());
  out.started_at = TimeFromNanos(status.started_at());
  out.finished_at = TimeFromNanos(status.finished_at());
  out.exit_code = status.exit_code();
  out.reason = status.reason();
  out.message = status.message();
  out.image = status.image().image();
  out.image_ref = status.image_ref();
  out.log_path = status.log_path();
  out.labels = ToStdMap(status.labels());
  out.annotations = ToStdMap(status.annotations());
  return out;
}

ContainerStatus FromCri(const cri::Container& container) {
  ContainerStatus out;
  out.id = container.id();
  out.sandbox_id = container.pod_sandbox_id();
  out.name = container.metadata().name();
  out.attempt = container.metadata().attempt();
  out.state = FromCri(container.state());
  out.created_at = TimeFromNanos(container.created_at());
  out.started_at = absl::InfinitePast();
  out.finished_at = absl::InfinitePast();
  out.image = container.image().image();
  out.image_ref = container.image_ref();
  out.labels = ToStdMap(container.labels());
  out.annotations = ToStdMap(container.annotations());
  return out;
}

ContainerStats FromCri(const cri::ContainerStats& stats) {
  ContainerStats out;
  out.id = stats.attributes().id();
  int64_t nanos = std::max(stats.cpu().timestamp(), stats.memory().timestamp());
  out.timestamp = TimeFromNanos(nanos);
  out.cpu_usage_core_nanoseconds = stats.cpu().usage_core_nano_seconds().value();
  out.memory_working_set_bytes = stats.memory().working_set_bytes().value();
  out.memory_usage_bytes = stats.memory().usage_bytes().value();
  return out;
}

ImageInfo FromCri(const cri::Image& image) {
  ImageInfo out;
  out.id = image.id();
  out.repo_tags.assign(image.repo_tags().begin(), image.repo_tags().end());
  out.size_bytes = image.size();
  return out;
}

}  // namespace kube::kubelet::remote
