#include "kubelet/runtime/fake/fake_runtime.h"

#include <catch2/catch.hpp>
#include <memory>

#include "absl/synchronization/mutex.h"
#include "tests/support/subprocess.h"

namespace kube::kubelet::fake {
namespace {

// A clock tests move by hand; sleeping advances it.
class FakeClock {
 public:
  absl::Time Now() {
    absl::MutexLock lock(&mu_);
    return now_;
  }
  void Advance(absl::Duration d) {
    absl::MutexLock lock(&mu_);
    now_ += d;
  }

 private:
  absl::Mutex mu_;
  absl::Time now_ = absl::FromUnixSeconds(1700000000);
};

struct Fixture {
  explicit Fixture(std::string state_file = "") {
    FakeRuntimeOptions options;
    options.pod_cidr = "10.1.2.0/24";
    options.clock = [this] { return clock.Now(); };
    options.sleep = [this](absl::Duration d) { clock.Advance(d); };
    options.state_file = std::move(state_file);
    auto created = FakeRuntime::Create(options);
    REQUIRE(created.ok());
    runtime = std::move(*created);
  }

  std::string Sandbox(std::map<std::string, std::string> annotations = {}) {
    sandbox_config.name = "web";
    sandbox_config.uid = "uid-1";
    sandbox_config.namespace_ = "default";
    sandbox_config.annotations = std::move(annotations);
    auto id = runtime->RunPodSandbox(sandbox_config);
    REQUIRE(id.ok());
    return *id;
  }

  std::string Start(const std::string& sandbox, const std::string& name) {
    REQUIRE(runtime->PullImage("busybox").ok());
    ContainerConfig config;
    config.name = name;
    config.image = "busybox";
    auto id = runtime->CreateContainer(sandbox, config, sandbox_config);
    REQUIRE(id.ok());
    REQUIRE(runtime->StartContainer(*id).ok());
    return *id;
  }

  ContainerStatus Status(const std::string& id) {
    auto status = runtime->GetContainerStatus(id);
    REQUIRE(status.ok());
    return *status;
  }

  FakeClock clock;
  PodSandboxConfig sandbox_config;
  std::unique_ptr<FakeRuntime> runtime;
};

TEST_CASE("sandboxes get distinct IPs from the CIDR, released on stop") {
  Fixture f;
  std::string a = f.Sandbox();
  std::string b = f.Sandbox();
  auto sa = f.runtime->GetPodSandboxStatus(a);
  auto sb = f.runtime->GetPodSandboxStatus(b);
  REQUIRE(sa.ok());
  REQUIRE(sb.ok());
  CHECK(sa->ip == "10.1.2.2");
  CHECK(sb->ip == "10.1.2.3");
  CHECK(sa->state == SandboxState::kReady);
  REQUIRE(f.runtime->StopPodSandbox(a).ok());
  CHECK(f.runtime->GetPodSandboxStatus(a)->state == SandboxState::kNotReady);
  REQUIRE(f.runtime->RemovePodSandbox(a).ok());
  CHECK(absl::IsNotFound(f.runtime->GetPodSandboxStatus(a).status()));
}

TEST_CASE("containers run until stopped by default") {
  Fixture f;
  std::string id = f.Start(f.Sandbox(), "app");
  f.clock.Advance(absl::Hours(5));
  CHECK(f.Status(id).state == ContainerState::kRunning);
  REQUIRE(f.runtime->StopContainer(id, absl::Seconds(30)).ok());
  ContainerStatus stopped = f.Status(id);
  CHECK(stopped.state == ContainerState::kExited);
  CHECK(stopped.exit_code == 143);
}

TEST_CASE("annotations make containers exit, per container or pod-wide") {
  Fixture f;
  std::string sandbox = f.Sandbox({{"fake.kubelet.kube/exit-code", "3"},
                                   {"fake.kubelet.kube/exit-after", "10s"},
                                   {"fake.kubelet.kube/exit-after.init", "1s"},
                                   {"fake.kubelet.kube/exit-code.init", "0"}});
  std::string init = f.Start(sandbox, "init");
  std::string app = f.Start(sandbox, "app");
  f.clock.Advance(absl::Seconds(2));
  ContainerStatus init_status = f.Status(init);
  CHECK(init_status.state == ContainerState::kExited);
  CHECK(init_status.exit_code == 0);
  CHECK(init_status.reason == "Completed");
  CHECK(init_status.finished_at == init_status.started_at + absl::Seconds(1));
  CHECK(f.Status(app).state == ContainerState::kRunning);
  f.clock.Advance(absl::Seconds(9));
  ContainerStatus app_status = f.Status(app);
  CHECK(app_status.state == ContainerState::kExited);
  CHECK(app_status.exit_code == 3);
  CHECK(app_status.reason == "Error");
}

TEST_CASE("OOM kills report 137 and OOMKilled") {
  Fixture f;
  std::string id = f.Start(f.Sandbox({{"fake.kubelet.kube/oom", "true"}}), "app");
  ContainerStatus status = f.Status(id);
  CHECK(status.state == ContainerState::kExited);
  CHECK(status.exit_code == 137);
  CHECK(status.reason == "OOMKilled");
}

TEST_CASE("a slow container is killed at the stop timeout") {
  Fixture f;
  std::string sandbox = f.Sandbox({{"fake.kubelet.kube/stop-delay", "20s"}});
  std::string slow = f.Start(sandbox, "slow");
  absl::Time before = f.clock.Now();
  REQUIRE(f.runtime->StopContainer(slow, absl::Seconds(5)).ok());
  ContainerStatus status = f.Status(slow);
  CHECK(status.exit_code == 137);
  CHECK(status.finished_at == before + absl::Seconds(5));
}

TEST_CASE("exec is scripted and fails after probe-fail-after") {
  Fixture f;
  std::string id = f.Start(f.Sandbox({{"fake.kubelet.kube/probe-fail-after", "3s"}}), "app");
  CHECK(f.runtime->ExecSync(id, {"true"}, absl::Seconds(1))->exit_code == 0);
  CHECK(f.runtime->ExecSync(id, {"false"}, absl::Seconds(1))->exit_code == 1);
  CHECK(f.runtime->ExecSync(id, {"sh", "-c", "exit 4"}, absl::Seconds(1))->exit_code == 4);
  CHECK(f.runtime->ExecSync(id, {"echo", "hi", "there"}, absl::Seconds(1))->stdout_data ==
        "hi there\n");
  CHECK(absl::IsDeadlineExceeded(
      f.runtime->ExecSync(id, {"sleep", "10"}, absl::Seconds(1)).status()));
  f.clock.Advance(absl::Seconds(3));
  CHECK(f.runtime->ExecSync(id, {"true"}, absl::Seconds(1))->exit_code == 1);
  f.runtime->SetExecHook(
      [](const ContainerStatus&,
         const std::vector<std::string>&) -> std::optional<absl::StatusOr<ExecResult>> {
        return absl::StatusOr<ExecResult>(ExecResult{"hooked", "", 0});
      });
  CHECK(f.runtime->ExecSync(id, {"true"}, absl::Seconds(1))->stdout_data == "hooked");
}

TEST_CASE("pulls fail for .invalid registries and scripted errors") {
  Fixture f;
  CHECK(absl::IsNotFound(f.runtime->PullImage("registry.invalid/app:1").status()));
  f.runtime->SetPullError("busybox", absl::UnavailableError("registry down"));
  CHECK(absl::IsUnavailable(f.runtime->PullImage("busybox").status()));
  f.runtime->SetPullError("busybox", absl::OkStatus());
  auto ref = f.runtime->PullImage("busybox");
  REQUIRE(ref.ok());
  CHECK(f.runtime->GetImageStatus("busybox")->id == *ref);
  CHECK(absl::IsNotFound(f.runtime->GetImageStatus("nginx").status()));
  CHECK(f.runtime->pull_count() == 3);
}

TEST_CASE("a behavior hook decides over annotations, start errors fail the start") {
  Fixture f;
  f.runtime->SetBehaviorHook(
      [](const ContainerConfig& config, const PodSandboxConfig&) -> std::optional<FakeBehavior> {
        if (config.name != "broken") return std::nullopt;
        FakeBehavior behavior;
        behavior.start_error = "exec: \"nope\": not found";
        return behavior;
      });
  std::string sandbox = f.Sandbox();
  REQUIRE(f.runtime->PullImage("busybox").ok());
  ContainerConfig config;
  config.name = "broken";
  config.image = "busybox";
  auto id = f.runtime->CreateContainer(sandbox, config, f.sandbox_config);
  REQUIRE(id.ok());
  CHECK_FALSE(f.runtime->StartContainer(*id).ok());
  CHECK(f.Status(*id).state == ContainerState::kExited);
}

TEST_CASE("the state file brings sandboxes and containers back") {
  kube::testing::TempDir dir;
  std::string file = dir.path() + "/fake/state";
  std::string sandbox, app;
  {
    Fixture f(file);
    sandbox = f.Sandbox({{"fake.kubelet.kube/exit-after", "1h"}});
    app = f.Start(sandbox, "app");
  }
  Fixture again(file);
  ContainerStatus status = again.Status(app);
  CHECK(status.state == ContainerState::kRunning);
  CHECK(status.sandbox_id == sandbox);
  auto sandboxes = again.runtime->ListPodSandboxes();
  REQUIRE(sandboxes.ok());
  REQUIRE(sandboxes->size() == 1);
  // The restored sandbox keeps its IP reserved.
  std::string other = again.Sandbox();
  CHECK(again.runtime->GetPodSandboxStatus(other)->ip != (*sandboxes)[0].ip);
}

TEST_CASE("list filters by sandbox, state and labels") {
  Fixture f;
  std::string sandbox = f.Sandbox({{"fake.kubelet.kube/exit-code.done", "0"}});
  REQUIRE(f.runtime->PullImage("busybox").ok());
  for (std::string name : {"done", "running"}) {
    ContainerConfig config;
    config.name = name;
    config.image = "busybox";
    config.labels = {{"name", name}};
    auto id = f.runtime->CreateContainer(sandbox, config, f.sandbox_config);
    REQUIRE(id.ok());
    REQUIRE(f.runtime->StartContainer(*id).ok());
  }
  ContainerFilter filter;
  filter.state = ContainerState::kRunning;
  CHECK(f.runtime->ListContainers(filter)->size() == 1);
  filter = {};
  filter.labels = {{"name", "done"}};
  auto done = f.runtime->ListContainers(filter);
  REQUIRE(done->size() == 1);
  CHECK((*done)[0].state == ContainerState::kExited);
  CHECK(f.runtime->ListContainerStats()->size() == 1);
}

TEST_CASE("exec runs sh -c scripts statement by statement") {
  Fixture f;
  std::string id = f.Start(f.Sandbox({}), "app");
  absl::StatusOr<ExecResult> result = f.runtime->ExecSync(
      id, {"sh", "-c", "echo 'out put'; echo err >&2; exit 3; echo never"}, absl::Seconds(1));
  REQUIRE(result.ok());
  CHECK(result->stdout_data == "out put\n");
  CHECK(result->stderr_data == "err\n");
  CHECK(result->exit_code == 3);
  CHECK(f.runtime->ExecSync(id, {"sh", "-c", "false; true"}, absl::Seconds(1))->exit_code == 0);
  CHECK(f.runtime->ExecSync(id, {"sh", "-c", "true; false"}, absl::Seconds(1))->exit_code == 1);
}

}  // namespace
}  // namespace kube::kubelet::fake
