#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace kube::kubelet {

// The container runtime as the kubelet sees it: the shape of CRI's runtime.v1
// (RuntimeService + ImageService), in our own types so the kubelet never depends
// on a backend. Backends: `remote` (a CRI client to containerd over gRPC) and
// `fake` (simulated containers, no processes, for hollow nodes and tests).
// Implementations are thread-safe; ids are opaque strings.

struct PortMapping {
  std::string protocol = "TCP";  // TCP, UDP, SCTP
  int32_t container_port = 0;
  int32_t host_port = 0;
  std::string host_ip;
};

struct PodSandboxConfig {
  // Metadata: what the sandbox is for (CRI PodSandboxMetadata).
  std::string name;       // pod name
  std::string uid;        // pod uid
  std::string namespace_;
  uint32_t attempt = 0;
  std::string hostname;
  std::string log_directory;  // where the pod's container logs go
  std::vector<std::string> dns_servers;
  std::vector<std::string> dns_searches;
  std::vector<std::string> dns_options;
  std::vector<PortMapping> port_mappings;
  std::map<std::string, std::string> labels;
  std::map<std::string, std::string> annotations;
  std::string cgroup_parent;  // the pod's cgroup under the kubelet's QoS hierarchy
  bool host_network = false;
};

struct Mount {
  std::string container_path;
  std::string host_path;
  bool readonly = false;
};

struct LinuxResources {
  int64_t cpu_period = 0;        // microseconds; 0 = unset
  int64_t cpu_quota = 0;         // microseconds per period; 0 = unlimited
  int64_t cpu_shares = 0;        // 0 = runtime default
  int64_t memory_limit_bytes = 0;  // 0 = unlimited
};

struct ContainerConfig {
  std::string name;
  uint32_t attempt = 0;  // restart count: names the container instance
  std::string image;     // as resolved by PullImage (image ref)
  std::vector<std::string> command;  // overrides the image's entrypoint when set
  std::vector<std::string> args;
  std::string working_dir;
  std::vector<std::pair<std::string, std::string>> envs;
  std::vector<Mount> mounts;
  std::map<std::string, std::string> labels;
  std::map<std::string, std::string> annotations;
  std::string log_path;  // relative to the sandbox's log_directory
  bool stdin_open = false;
  bool tty = false;
  LinuxResources resources;
};

enum class SandboxState { kReady, kNotReady };

struct PodSandboxStatus {
  std::string id;
  SandboxState state = SandboxState::kNotReady;
  std::string ip;  // the pod IP (empty for host network)
  absl::Time created_at;
  // The sandbox config's name, uid, namespace and attempt, as given.
  std::string name, uid, namespace_;
  uint32_t attempt = 0;
  std::map<std::string, std::string> labels;
  std::map<std::string, std::string> annotations;
};

enum class ContainerState { kCreated, kRunning, kExited, kUnknown };

struct ContainerStatus {
  std::string id;
  std::string sandbox_id;
  std::string name;
  uint32_t attempt = 0;
  ContainerState state = ContainerState::kUnknown;
  absl::Time created_at;
  absl::Time started_at;   // InfinitePast when not started
  absl::Time finished_at;  // InfinitePast while running
  int32_t exit_code = 0;
  std::string reason;   // "OOMKilled", "Error", "Completed", ...
  std::string message;
  std::string image;      // the image as configured
  std::string image_ref;  // the resolved reference (digest)
  std::string log_path;   // absolute
  std::map<std::string, std::string> labels;
  std::map<std::string, std::string> annotations;
};

struct ContainerFilter {
  std::string sandbox_id;  // "" = any
  std::optional<ContainerState> state;
  std::map<std::string, std::string> labels;  // all must match
};

// Which streams an interactive exec connects.
struct StreamOptions {
  bool tty = false;
  bool stdin = false;
  bool stdout = false;
  bool stderr = false;
};

struct ExecResult {
  std::string stdout_data;
  std::string stderr_data;
  int32_t exit_code = 0;
};

struct ContainerStats {
  std::string id;
  absl::Time timestamp;
  uint64_t cpu_usage_core_nanoseconds = 0;  // cumulative
  uint64_t memory_working_set_bytes = 0;
  uint64_t memory_usage_bytes = 0;
};

struct ImageInfo {
  std::string id;                       // the resolved reference / digest
  std::vector<std::string> repo_tags;   // "docker.io/library/busybox:latest"
  uint64_t size_bytes = 0;
};

struct RuntimeVersion {
  std::string runtime_name;     // "containerd"
  std::string runtime_version;  // "1.6.20"
  std::string runtime_api_version;
};

class Runtime {
 public:
  virtual ~Runtime() = default;

  virtual absl::StatusOr<RuntimeVersion> Version() = 0;
  // Whether the runtime and its network are ready (CRI Status conditions).
  virtual absl::Status Ready() = 0;

  // Sandboxes: the pod's network namespace (with its IP from CNI) and shared
  // infrastructure.
  virtual absl::StatusOr<std::string> RunPodSandbox(const PodSandboxConfig& config) = 0;
  virtual absl::Status StopPodSandbox(const std::string& sandbox_id) = 0;
  virtual absl::Status RemovePodSandbox(const std::string& sandbox_id) = 0;
  virtual absl::StatusOr<PodSandboxStatus> GetPodSandboxStatus(const std::string& sandbox_id) = 0;
  // Every sandbox the runtime knows (the kubelet's own, found again after a restart).
  virtual absl::StatusOr<std::vector<PodSandboxStatus>> ListPodSandboxes() = 0;

  // Containers.
  virtual absl::StatusOr<std::string> CreateContainer(const std::string& sandbox_id,
                                                      const ContainerConfig& config,
                                                      const PodSandboxConfig& sandbox_config) = 0;
  virtual absl::Status StartContainer(const std::string& container_id) = 0;
  // Sends SIGTERM, then SIGKILL after `timeout`.
  virtual absl::Status StopContainer(const std::string& container_id, absl::Duration timeout) = 0;
  virtual absl::Status RemoveContainer(const std::string& container_id) = 0;
  // Lists are summaries, as CRI's: id, sandbox, name, attempt, state, image,
  // labels and annotations. Times, exit code, reason and log path come only from
  // GetContainerStatus (and a sandbox's IP only from GetPodSandboxStatus).
  virtual absl::StatusOr<std::vector<ContainerStatus>> ListContainers(
      const ContainerFilter& filter) = 0;
  virtual absl::StatusOr<ContainerStatus> GetContainerStatus(const std::string& container_id) = 0;
  // Runs a command in a running container and collects its output (probes,
  // non-interactive exec). DeadlineExceeded after `timeout`.
  virtual absl::StatusOr<ExecResult> ExecSync(const std::string& container_id,
                                              const std::vector<std::string>& command,
                                              absl::Duration timeout) = 0;
  // Prepares an interactive exec (stdin, TTY) and returns the URL of the runtime's
  // streaming server that serves it (CRI's Exec); the kubelet relays the client's
  // upgraded connection there. Unimplemented for runtimes without one.
  virtual absl::StatusOr<std::string> Exec(const std::string& container_id,
                                           const std::vector<std::string>& command,
                                           const StreamOptions& streams) {
    return absl::UnimplementedError("this runtime has no streaming exec");
  }
  // The URL where the runtime forwards connections to ports of a pod's network
  // namespace (CRI's PortForward, SPDY portforward.k8s.io).
  virtual absl::StatusOr<std::string> PortForward(const std::string& sandbox_id) {
    return absl::UnimplementedError("this runtime has no port forwarding");
  }
  virtual absl::StatusOr<std::vector<ContainerStats>> ListContainerStats() = 0;
  // Asks the runtime to reopen a container's log file (after log rotation).
  virtual absl::Status ReopenContainerLog(const std::string& container_id) = 0;

  // Images.
  virtual absl::StatusOr<std::string> PullImage(const std::string& image) = 0;  // -> image ref
  // NotFound when the image is not present locally.
  virtual absl::StatusOr<ImageInfo> GetImageStatus(const std::string& image) = 0;
  virtual absl::StatusOr<std::vector<ImageInfo>> ListImages() = 0;
  virtual absl::Status RemoveImage(const std::string& image) = 0;
};

}  // namespace kube::kubelet
