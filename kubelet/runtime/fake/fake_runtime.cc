#include "kubelet/runtime/fake/fake_runtime.h"

#include <filesystem>
#include <fstream>
#include <random>

#include "absl/strings/str_format.h"
#include "common/util/strings.h"

namespace kube::kubelet::fake {
namespace {

constexpr int32_t kSigkillExitCode = 137;
constexpr int32_t kSigtermExitCode = 143;

bool LabelsMatch(const std::map<std::string, std::string>& want,
                 const std::map<std::string, std::string>& have) {
  for (const auto& [key, value] : want) {
    auto it = have.find(key);
    if (it == have.end() || it->second != value) return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<std::unique_ptr<FakeRuntime>> FakeRuntime::Create(FakeRuntimeOptions options) {
  absl::StatusOr<IpPool> pool = IpPool::Create(options.pod_cidr);
  if (!pool.ok()) return pool.status();
  std::unique_ptr<FakeRuntime> runtime(new FakeRuntime(std::move(options), std::move(*pool)));
  if (!runtime->options_.state_file.empty()) {
    if (absl::Status status = runtime->Load(); !status.ok()) return status;
  }
  return runtime;
}

FakeRuntime::FakeRuntime(FakeRuntimeOptions options, IpPool pool)
    : options_(std::move(options)), ip_pool_(std::move(pool)) {
  id_seed_ = std::random_device()() | (uint64_t{std::random_device()()} << 32);
}

std::string FakeRuntime::NewId() {
  uint64_t n = next_id_++;
  return absl::StrFormat("%016x%016x", id_seed_, n * 0x9e3779b97f4a7c15ull);
}

absl::StatusOr<RuntimeVersion> FakeRuntime::Version() {
  return RuntimeVersion{options_.runtime_name, options_.runtime_version, "v1"};
}

absl::Status FakeRuntime::Ready() {
  if (!options_.not_ready_file.empty()) {
    std::ifstream in(options_.not_ready_file);
    if (in) {
      std::string reason((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      while (!reason.empty() && reason.back() == '\n') reason.pop_back();
      return absl::UnavailableError(reason.empty() ? "runtime is not ready" : reason);
    }
  }
  absl::MutexLock lock(&mu_);
  return ready_;
}

// ---- sandboxes ----

absl::StatusOr<std::string> FakeRuntime::RunPodSandbox(const PodSandboxConfig& config) {
  absl::MutexLock lock(&mu_);
  Sandbox sandbox;
  sandbox.status.id = NewId();
  sandbox.status.state = SandboxState::kReady;
  if (!config.host_network) {
    absl::StatusOr<std::string> ip = ip_pool_.Allocate();
    if (!ip.ok()) return ip.status();
    sandbox.status.ip = *ip;
  }
  sandbox.status.created_at = options_.clock();
  sandbox.status.name = config.name;
  sandbox.status.uid = config.uid;
  sandbox.status.namespace_ = config.namespace_;
  sandbox.status.attempt = config.attempt;
  sandbox.status.labels = config.labels;
  sandbox.status.annotations = config.annotations;
  std::string id = sandbox.status.id;
  sandboxes_[id] = std::move(sandbox);
  Persist();
  return id;
}

absl::Status FakeRuntime::StopPodSandbox(const std::string& sandbox_id) {
  absl::MutexLock lock(&mu_);
  auto it = sandboxes_.find(sandbox_id);
  if (it == sandboxes_.end()) return absl::OkStatus();  // CRI: idempotent
  absl::Time now = options_.clock();
  for (auto& [id, container] : containers_) {
    if (container.status.sandbox_id != sandbox_id) continue;
    Refresh(container, now);
    if (container.status.state == ContainerState::kRunning) {
      Exit(container, now, kSigkillExitCode, "Error");
    }
  }
  if (it->second.status.state == SandboxState::kReady && !it->second.status.ip.empty()) {
    ip_pool_.Release(it->second.status.ip);
  }
  it->second.status.state = SandboxState::kNotReady;
  Persist();
  return absl::OkStatus();
}

absl::Status FakeRuntime::RemovePodSandbox(const std::string& sandbox_id) {
  absl::MutexLock lock(&mu_);
  auto it = sandboxes_.find(sandbox_id);
  if (it == sandboxes_.end()) return absl::OkStatus();
  if (it->second.status.state == SandboxState::kReady && !it->second.status.ip.empty()) {
    ip_pool_.Release(it->second.status.ip);
  }
  for (auto c = containers_.begin(); c != containers_.end();) {
    c = c->second.status.sandbox_id == sandbox_id ? containers_.erase(c) : std::next(c);
  }
  sandboxes_.erase(it);
  Persist();
  return absl::OkStatus();
}

absl::StatusOr<PodSandboxStatus> FakeRuntime::GetPodSandboxStatus(const std::string& sandbox_id) {
  absl::MutexLock lock(&mu_);
  auto it = sandboxes_.find(sandbox_id);
  if (it == sandboxes_.end()) {
    return absl::NotFoundError(kube::StrCat("sandbox ", sandbox_id, " not found"));
  }
  return it->second.status;
}

absl::StatusOr<std::vector<PodSandboxStatus>> FakeRuntime::ListPodSandboxes() {
  absl::MutexLock lock(&mu_);
  std::vector<PodSandboxStatus> out;
  out.reserve(sandboxes_.size());
  for (const auto& [id, sandbox] : sandboxes_) out.push_back(sandbox.status);
  return out;
}

// ---- containers ----

absl::StatusOr<std::string> FakeRuntime::CreateContainer(const std::string& sandbox_id,
                                                         const ContainerConfig& config,
                                                         const PodSandboxConfig& sandbox_config) {
  absl::MutexLock lock(&mu_);
  auto sandbox = sandboxes_.find(sandbox_id);
  if (sandbox == sandboxes_.end() || sandbox->second.status.state != SandboxState::kReady) {
    return absl::FailedPreconditionError(kube::StrCat("sandbox ", sandbox_id, " is not ready"));
  }
  const ImageInfo* image = FindImage(config.image);
  if (image == nullptr) {
    return absl::NotFoundError(
        kube::StrCat("failed to get image \"", config.image, "\": not found"));
  }
  std::optional<FakeBehavior> behavior;
  if (behavior_hook_) behavior = behavior_hook_(config, sandbox_config);
  if (!behavior) {
    absl::StatusOr<FakeBehavior> from_annotations =
        BehaviorFromAnnotations(sandbox_config.annotations, config.name);
    if (!from_annotations.ok()) return from_annotations.status();
    behavior = *from_annotations;
  }
  Container container;
  container.behavior = *behavior;
  ContainerStatus& status = container.status;
  status.id = NewId();
  status.sandbox_id = sandbox_id;
  status.name = config.name;
  status.attempt = config.attempt;
  status.state = ContainerState::kCreated;
  status.created_at = options_.clock();
  status.started_at = absl::InfinitePast();
  status.finished_at = absl::InfinitePast();
  status.image = config.image;
  status.image_ref = image->id;
  status.log_path = config.log_path.empty()
                        ? ""
                        : kube::StrCat(sandbox_config.log_directory, "/", config.log_path);
  status.labels = config.labels;
  status.annotations = config.annotations;
  std::string id = status.id;
  containers_[id] = std::move(container);
  Persist();
  return id;
}

absl::Status FakeRuntime::StartContainer(const std::string& container_id) {
  absl::MutexLock lock(&mu_);
  ++start_count_;
  absl::StatusOr<Container*> container = FindContainer(container_id);
  if (!container.ok()) return container.status();
  ContainerStatus& status = (*container)->status;
  if (status.state != ContainerState::kCreated) {
    return absl::FailedPreconditionError(
        kube::StrCat("container ", container_id, " is not in created state"));
  }
  absl::Time now = options_.clock();
  if (!(*container)->behavior.start_error.empty()) {
    status.state = ContainerState::kExited;
    status.finished_at = now;
    status.exit_code = 128;
    status.reason = "StartError";
    status.message = (*container)->behavior.start_error;
    Persist();
    return absl::UnknownError(kube::StrCat("failed to start container \"", container_id,
                                           "\": ", (*container)->behavior.start_error));
  }
  status.state = ContainerState::kRunning;
  status.started_at = now;
  AppendLog(status, now, "fake container started");
  Refresh(**container, now);  // run_for 0: exits at once
  Persist();
  return absl::OkStatus();
}

absl::Status FakeRuntime::StopContainer(const std::string& container_id, absl::Duration timeout) {
  absl::Duration wait;
  {
    absl::MutexLock lock(&mu_);
    absl::StatusOr<Container*> container = FindContainer(container_id);
    if (!container.ok()) return container.status();
    Refresh(**container, options_.clock());
    if ((*container)->status.state != ContainerState::kRunning) return absl::OkStatus();
    wait = std::min((*container)->behavior.stop_delay, std::max(timeout, absl::ZeroDuration()));
  }
  // SIGTERM sent; the container takes its time (without the lock held).
  if (wait > absl::ZeroDuration()) options_.sleep(wait);
  absl::MutexLock lock(&mu_);
  absl::StatusOr<Container*> container = FindContainer(container_id);
  if (!container.ok()) return absl::OkStatus();  // removed meanwhile
  absl::Time now = options_.clock();
  Refresh(**container, now);
  if ((*container)->status.state == ContainerState::kRunning) {
    bool killed = (*container)->behavior.stop_delay > timeout;
    Exit(**container, now, killed ? kSigkillExitCode : kSigtermExitCode, "Error");
  }
  Persist();
  return absl::OkStatus();
}

absl::Status FakeRuntime::RemoveContainer(const std::string& container_id) {
  absl::MutexLock lock(&mu_);
  containers_.erase(container_id);
  Persist();
  return absl::OkStatus();
}

absl::StatusOr<std::vector<ContainerStatus>> FakeRuntime::ListContainers(
    const ContainerFilter& filter) {
  absl::MutexLock lock(&mu_);
  absl::Time now = options_.clock();
  std::vector<ContainerStatus> out;
  for (auto& [id, container] : containers_) {
    if (!filter.sandbox_id.empty() && container.status.sandbox_id != filter.sandbox_id) continue;
    if (!LabelsMatch(filter.labels, container.status.labels)) continue;
    Refresh(container, now);
    if (filter.state && container.status.state != *filter.state) continue;
    out.push_back(container.status);
  }
  return out;
}

absl::StatusOr<ContainerStatus> FakeRuntime::GetContainerStatus(const std::string& container_id) {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<Container*> container = FindContainer(container_id);
  if (!container.ok()) return container.status();
  Refresh(**container, options_.clock());
  return (*container)->status;
}

absl::Status FakeRuntime::ReopenContainerLog(const std::string& container_id) {
  absl::MutexLock lock(&mu_);
  return FindContainer(container_id).status();
}

// ---- test control ----

void FakeRuntime::SetBehaviorHook(BehaviorHook hook) {
  absl::MutexLock lock(&mu_);
  behavior_hook_ = std::move(hook);
}

void FakeRuntime::SetExecHook(ExecHook hook) {
  absl::MutexLock lock(&mu_);
  exec_hook_ = std::move(hook);
}

void FakeRuntime::SetPullError(const std::string& image, absl::Status status) {
  absl::MutexLock lock(&mu_);
  if (status.ok()) {
    pull_errors_.erase(image);
  } else {
    pull_errors_[image] = std::move(status);
  }
}

void FakeRuntime::SetReady(absl::Status status) {
  absl::MutexLock lock(&mu_);
  ready_ = std::move(status);
}

absl::Status FakeRuntime::ExitContainer(const std::string& container_id, int32_t exit_code,
                                        const std::string& reason) {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<Container*> container = FindContainer(container_id);
  if (!container.ok()) return container.status();
  absl::Time now = options_.clock();
  Refresh(**container, now);
  if ((*container)->status.state != ContainerState::kRunning) {
    return absl::FailedPreconditionError("container is not running");
  }
  Exit(**container, now, exit_code, reason);
  Persist();
  return absl::OkStatus();
}

int FakeRuntime::pull_count() {
  absl::MutexLock lock(&mu_);
  return pull_count_;
}

int FakeRuntime::start_count() {
  absl::MutexLock lock(&mu_);
  return start_count_;
}

// ---- internals ----

void FakeRuntime::Refresh(Container& container, absl::Time now) {
  ContainerStatus& status = container.status;
  if (status.state != ContainerState::kRunning) return;
  const FakeBehavior& behavior = container.behavior;
  if (behavior.run_for == absl::InfiniteDuration()) return;
  absl::Time exit_at = status.started_at + behavior.run_for;
  if (exit_at > now) return;
  if (behavior.oom_killed) {
    Exit(container, exit_at, kSigkillExitCode, "OOMKilled");
  } else {
    Exit(container, exit_at, behavior.exit_code, behavior.exit_code == 0 ? "Completed" : "Error");
  }
}

void FakeRuntime::Exit(Container& container, absl::Time when, int32_t code,
                       const std::string& reason) {
  ContainerStatus& status = container.status;
  status.state = ContainerState::kExited;
  status.finished_at = when;
  status.exit_code = code;
  status.reason = reason;
  AppendLog(status, when, kube::StrCat("fake container exited with code ", code));
}

absl::StatusOr<FakeRuntime::Container*> FakeRuntime::FindContainer(const std::string& id) {
  auto it = containers_.find(id);
  if (it == containers_.end()) {
    return absl::NotFoundError(kube::StrCat("container \"", id, "\" not found"));
  }
  return &it->second;
}

void FakeRuntime::AppendLog(const ContainerStatus& container, absl::Time when,
                            const std::string& line) const {
  if (!options_.write_logs || container.log_path.empty()) return;
  std::error_code ignored;
  std::filesystem::create_directories(std::filesystem::path(container.log_path).parent_path(),
                                      ignored);
  std::ofstream out(container.log_path, std::ios::app);
  // CRI log format: RFC 3339 time, stream, P(artial)/F(ull) tag, the line.
  out << absl::FormatTime("%Y-%m-%dT%H:%M:%E9SZ", when, absl::UTCTimeZone()) << " stdout F " << line
      << "\n";
}

}  // namespace kube::kubelet::fake
