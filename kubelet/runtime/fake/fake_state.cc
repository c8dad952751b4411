// FakeRuntime: the state file (written after every change, read at Create).

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/util/strings.h"
#include "kubelet/runtime/fake/fake_runtime.h"
#include "kubelet/runtime/fake/fake_state.pb.h"

namespace kube::kubelet::fake {
namespace {

int64_t ToNanos(absl::Time time) {
  return time == absl::InfinitePast() ? 0 : absl::ToUnixNanos(time);
}
absl::Time FromNanos(int64_t nanos) {
  return nanos == 0 ? absl::InfinitePast() : absl::FromUnixNanos(nanos);
}
int64_t DurationToNanos(absl::Duration d) {
  return d == absl::InfiniteDuration() ? -1 : absl::ToInt64Nanoseconds(d);
}
absl::Duration DurationFromNanos(int64_t nanos) {
  return nanos < 0 ? absl::InfiniteDuration() : absl::Nanoseconds(nanos);
}

template <typename Map>
std::map<std::string, std::string> ToStdMap(const Map& map) {
  return std::map<std::string, std::string>(map.begin(), map.end());
}

}  // namespace

// Converts between the runtime's structs and FakeRuntimeState.
class FakeStateCodec {
 public:
  static void Encode(const FakeRuntime& runtime,
                     FakeRuntimeState& out) ABSL_NO_THREAD_SAFETY_ANALYSIS {
    out.set_id_seed(runtime.id_seed_);
    out.set_next_id(runtime.next_id_);
    for (const auto& [id, sandbox] : runtime.sandboxes_) {
      const PodSandboxStatus& s = sandbox.status;
      FakeSandboxState* state = out.add_sandboxes();
      state->set_id(s.id);
      state->set_ready(s.state == SandboxState::kReady);
      state->set_ip(s.ip);
      state->set_created_at(ToNanos(s.created_at));
      state->set_name(s.name);
      state->set_uid(s.uid);
      state->set_namespace_(s.namespace_);
      state->set_attempt(s.attempt);
      state->mutable_labels()->insert(s.labels.begin(), s.labels.end());
      state->mutable_annotations()->insert(s.annotations.begin(), s.annotations.end());
    }
    for (const auto& [id, container] : runtime.containers_) {
      const ContainerStatus& c = container.status;
      FakeContainerState* state = out.add_containers();
      state->set_id(c.id);
      state->set_sandbox_id(c.sandbox_id);
      state->set_name(c.name);
      state->set_attempt(c.attempt);
      state->set_state(static_cast<int32_t>(c.state));
      state->set_created_at(ToNanos(c.created_at));
      state->set_started_at(ToNanos(c.started_at));
      state->set_finished_at(ToNanos(c.finished_at));
      state->set_exit_code(c.exit_code);
      state->set_reason(c.reason);
      state->set_message(c.message);
      state->set_image(c.image);
      state->set_image_ref(c.image_ref);
      state->set_log_path(c.log_path);
      state->mutable_labels()->insert(c.labels.begin(), c.labels.end());
      state->mutable_annotations()->insert(c.annotations.begin(), c.annotations.end());
      const FakeBehavior& b = container.behavior;
      FakeBehaviorState* behavior = state->mutable_behavior();
      behavior->set_run_for(DurationToNanos(b.run_for));
      behavior->set_exit_code(b.exit_code);
      behavior->set_oom_killed(b.oom_killed);
      behavior->set_stop_delay(DurationToNanos(b.stop_delay));
      behavior->set_exec_fail_after(DurationToNanos(b.exec_fail_after));
      behavior->set_start_error(b.start_error);
    }
    for (const auto& [name, image] : runtime.images_) {
      FakeImageState* state = out.add_images();
      state->set_name(name);
      state->set_id(image.id);
      for (const std::string& tag : image.repo_tags) state->add_repo_tags(tag);
      state->set_size_bytes(image.size_bytes);
    }
  }

  static void Decode(const FakeRuntimeState& in,
                     FakeRuntime& runtime) ABSL_NO_THREAD_SAFETY_ANALYSIS {
    if (in.id_seed() != 0) runtime.id_seed_ = in.id_seed();
    runtime.next_id_ = std::max<uint64_t>(in.next_id(), 1);
    for (const FakeSandboxState& state : in.sandboxes()) {
      FakeRuntime::Sandbox sandbox;
      PodSandboxStatus& s = sandbox.status;
      s.id = state.id();
      s.state = state.ready() ? SandboxState::kReady : SandboxState::kNotReady;
      s.ip = state.ip();
      s.created_at = FromNanos(state.created_at());
      s.name = state.name();
      s.uid = state.uid();
      s.namespace_ = state.namespace_();
      s.attempt = state.attempt();
      s.labels = ToStdMap(state.labels());
      s.annotations = ToStdMap(state.annotations());
      if (state.ready() && !s.ip.empty()) runtime.ip_pool_.Reserve(s.ip);
      runtime.sandboxes_[s.id] = std::move(sandbox);
    }
    for (const FakeContainerState& state : in.containers()) {
      FakeRuntime::Container container;
      ContainerStatus& c = container.status;
      c.id = state.id();
      c.sandbox_id = state.sandbox_id();
      c.name = state.name();
      c.attempt = state.attempt();
      c.state = static_cast<ContainerState>(state.state());
      c.created_at = FromNanos(state.created_at());
      c.started_at = FromNanos(state.started_at());
      c.finished_at = FromNanos(state.finished_at());
      c.exit_code = state.exit_code();
      c.reason = state.reason();
      c.message = state.message();
      c.image = state.image();
      c.image_ref = state.image_ref();
      c.log_path = state.log_path();
      c.labels = ToStdMap(state.labels());
      c.annotations = ToStdMap(state.annotations());
      const FakeBehaviorState& b = state.behavior();
      container.behavior.run_for = DurationFromNanos(b.run_for());
      container.behavior.exit_code = b.exit_code();
      container.behavior.oom_killed = b.oom_killed();
      container.behavior.stop_delay = DurationFromNanos(b.stop_delay());
      container.behavior.exec_fail_after = DurationFromNanos(b.exec_fail_after());
      container.behavior.start_error = b.start_error();
      runtime.containers_[c.id] = std::move(container);
    }
    for (const FakeImageState& state : in.images()) {
      ImageInfo& image = runtime.images_[state.name()];
      image.id = state.id();
      image.repo_tags.assign(state.repo_tags().begin(), state.repo_tags().end());
      image.size_bytes = state.size_bytes();
    }
  }
};

void FakeRuntime::Persist() {
  if (options_.state_file.empty()) return;
  FakeRuntimeState state;
  FakeStateCodec::Encode(*this, state);
  // Write and rename, so that a kill at any moment leaves the old or the new state.
  std::string temp = options_.state_file + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out || !state.SerializeToOstream(&out)) return;
  }
  std::error_code error;
  std::filesystem::rename(temp, options_.state_file, error);
}

absl::Status FakeRuntime::Load() {
  absl::MutexLock lock(&mu_);
  std::error_code error;
  std::filesystem::create_directories(std::filesystem::path(options_.state_file).parent_path(),
                                      error);
  std::ifstream in(options_.state_file, std::ios::binary);
  if (!in) return absl::OkStatus();  // first start
  FakeRuntimeState state;
  if (!state.ParseFromIstream(&in)) {
    return absl::DataLossError(
        kube::StrCat("fake runtime state ", options_.state_file, " is corrupt"));
  }
  FakeStateCodec::Decode(state, *this);
  return absl::OkStatus();
}

}  // namespace kube::kubelet::fake
