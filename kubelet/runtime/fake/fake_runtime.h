#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "kubelet/runtime/fake/fake_behavior.h"
#include "kubelet/runtime/fake/ip_pool.h"
#include "kubelet/runtime/runtime.h"

namespace kube::kubelet::fake {

// Decides how a container behaves, given its config and its sandbox's; nullopt
// falls back to the sandbox's annotations (see fake_behavior.h).
using BehaviorHook = std::function<std::optional<FakeBehavior>(const ContainerConfig& config,
                                                               const PodSandboxConfig& sandbox)>;
// Answers an ExecSync on a running container; nullopt falls back to the default
// script (see FakeRuntime::ExecSync).
using ExecHook = std::function<std::optional<absl::StatusOr<ExecResult>>(
    const ContainerStatus& container, const std::vector<std::string>& command)>;

struct FakeRuntimeOptions {
  // Where sandbox IPs come from.
  std::string pod_cidr = "10.88.0.0/16";
  // Where the fake reads the time; tests pass a fake clock. Container lifetimes are
  // computed from it lazily, so no thread runs per container.
  std::function<absl::Time()> clock = absl::Now;
  // How StopContainer waits out a container's stop delay; tests pass one that
  // advances their clock instead.
  std::function<void(absl::Duration)> sleep = absl::SleepFor;
  // When set, the state is written here after every change and read back at
  // Create: a restarted kubelet finds its "running" containers still running, as it
  // would with containerd. Empty keeps everything in memory (hollow nodes).
  std::string state_file;
  // While this file exists, Ready() fails with its content as the message: how a
  // test makes the runtime of a kubelet process "not ready". Empty: never.
  std::string not_ready_file;
  // Whether containers write a line in CRI log format to their log path when they
  // start and exit (costs a file per container).
  bool write_logs = false;
  // What Version() reports; the kubelet shows it as the node's runtime version.
  std::string runtime_name = "containerd";
  std::string runtime_version = "1.6.20";
};

// A container runtime with no processes: for the kubelet's tests and for hollow
// nodes, where thousands of pods share one machine. Sandboxes get IPs from a CIDR;
// containers go created -> running -> exited as their FakeBehavior says; ExecSync
// is scripted; stats are synthetic; images "pull" instantly. Thread-safe.
//
// Pulls fail (NotFound, as a registry's "not found") for images whose registry
// host ends in ".invalid" (e.g. "registry.invalid/app:1") and for images given to
// SetPullError.
class FakeRuntime final : public Runtime {
 public:
  // InvalidArgument for a bad CIDR; the state file's read error if it cannot be read.
  static absl::StatusOr<std::unique_ptr<FakeRuntime>> Create(FakeRuntimeOptions options = {});
  ~FakeRuntime() override = default;
  FakeRuntime(const FakeRuntime&) = delete;
  FakeRuntime& operator=(const FakeRuntime&) = delete;

  // Runtime
  absl::StatusOr<RuntimeVersion> Version() override;
  absl::Status Ready() override;
  absl::StatusOr<std::string> RunPodSandbox(const PodSandboxConfig& config) override;
  absl::Status StopPodSandbox(const std::string& sandbox_id) override;
  absl::Status RemovePodSandbox(const std::string& sandbox_id) override;
  absl::StatusOr<PodSandboxStatus> GetPodSandboxStatus(const std::string& sandbox_id) override;
  absl::StatusOr<std::vector<PodSandboxStatus>> ListPodSandboxes() override;
  absl::StatusOr<std::string> CreateContainer(const std::string& sandbox_id,
                                              const ContainerConfig& config,
                                              const PodSandboxConfig& sandbox_config) override;
  absl::Status StartContainer(const std::string& container_id) override;
  absl::Status StopContainer(const std::string& container_id, absl::Duration timeout) override;
  absl::Status RemoveContainer(const std::string& container_id) override;
  absl::StatusOr<std::vector<ContainerStatus>> ListContainers(
      const ContainerFilter& filter) override;
  absl::StatusOr<ContainerStatus> GetContainerStatus(const std::string& container_id) override;
  // The default script, after the hook and the container's exec_fail_after: `false`
  // exits 1; `exit N` exits N; `sleep N` longer than the timeout is
  // DeadlineExceeded; `echo ARGS` prints them (to stderr with a trailing `>&2`);
  // anything else exits 0. `sh -c "a; b; ..."` runs such statements in turn (the
  // last one's status, or the first `exit`'s); quotes inside are dropped.
  absl::StatusOr<ExecResult> ExecSync(const std::string& container_id,
                                      const std::vector<std::string>& command,
                                      absl::Duration timeout) override;
  absl::StatusOr<std::vector<ContainerStats>> ListContainerStats() override;
  absl::Status ReopenContainerLog(const std::string& container_id) override;
  absl::StatusOr<std::string> PullImage(const std::string& image) override;
  absl::StatusOr<ImageInfo> GetImageStatus(const std::string& image) override;
  absl::StatusOr<std::vector<ImageInfo>> ListImages() override;
  absl::Status RemoveImage(const std::string& image) override;

  // Test control.
  void SetBehaviorHook(BehaviorHook hook);
  void SetExecHook(ExecHook hook);
  // PullImage(image) fails with `status` (OkStatus clears it).
  void SetPullError(const std::string& image, absl::Status status);
  // What Ready() returns (unless not_ready_file exists).
  void SetReady(absl::Status status);
  // Makes a running container exit now with `exit_code` and `reason`.
  absl::Status ExitContainer(const std::string& container_id, int32_t exit_code,
                             const std::string& reason);
  // Makes an image present without a pull.
  void AddImage(const std::string& image);
  // How many pulls and container starts were asked for (successful or not).
  int pull_count();
  int start_count();

 private:
  struct Sandbox {
    PodSandboxStatus status;
  };
  struct Container {
    ContainerStatus status;
    FakeBehavior behavior;
  };
  friend class FakeStateCodec;

  FakeRuntime(FakeRuntimeOptions options, IpPool pool);

  std::string NewId() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Applies the container's own exit if its time has come.
  void Refresh(Container& container, absl::Time now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void Exit(Container& container, absl::Time when, int32_t code, const std::string& reason)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::StatusOr<Container*> FindContainer(const std::string& id)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  const ImageInfo* FindImage(const std::string& image) const ABSL_SHARED_LOCKS_REQUIRED(mu_);
  // The default ExecSync script.
  absl::StatusOr<ExecResult> Script(const std::vector<std::string>& command,
                                    absl::Duration timeout) const;
  void AppendLog(const ContainerStatus& container, absl::Time when, const std::string& line) const;
  // Writes the state file (when configured).
  void Persist() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status Load();

  const FakeRuntimeOptions options_;  // constant after construction

  absl::Mutex mu_;
  IpPool ip_pool_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, Sandbox> sandboxes_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, Container> containers_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, ImageInfo> images_ ABSL_GUARDED_BY(mu_);  // by the name pulled
  std::map<std::string, absl::Status> pull_errors_ ABSL_GUARDED_BY(mu_);
  absl::Status ready_ ABSL_GUARDED_BY(mu_);
  BehaviorHook behavior_hook_ ABSL_GUARDED_BY(mu_);
  ExecHook exec_hook_ ABSL_GUARDED_BY(mu_);
  uint64_t id_seed_ ABSL_GUARDED_BY(mu_) = 0;  // random per runtime, persisted
  uint64_t next_id_ ABSL_GUARDED_BY(mu_) = 1;
  int pull_count_ ABSL_GUARDED_BY(mu_) = 0;
  int start_count_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace kube::kubelet::fake
