#include "kubelet/probes/probe_manager.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <memory>

#include "absl/synchronization/mutex.h"
#include "kubelet/runtime/fake/fake_runtime.h"

namespace kube::kubelet {
namespace {

class Clock {
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

// A fake runtime with one running container whose exec answers come from `answer`.
struct Fixture {
  Fixture() {
    fake::FakeRuntimeOptions options;
    options.clock = [this] { return clock.Now(); };
    runtime = std::move(*fake::FakeRuntime::Create(options));
    runtime->SetExecHook(
        [this](const ContainerStatus&,
               const std::vector<std::string>&) -> std::optional<absl::StatusOr<ExecResult>> {
          ++execs;
          ExecResult result;
          result.exit_code = answer.load();
          result.stdout_data = answer.load() == 0 ? "" : "not healthy";
          return absl::StatusOr<ExecResult>(result);
        });
    PodSandboxConfig sandbox;
    sandbox_id = *runtime->RunPodSandbox(sandbox);
    runtime->AddImage("img");
    ContainerConfig config;
    config.name = "app";
    config.image = "img";
    container_id = *runtime->CreateContainer(sandbox_id, config, sandbox);
    REQUIRE(runtime->StartContainer(container_id).ok());
    prober = std::make_unique<Prober>(*runtime);
    ProbeManagerOptions manager_options;
    manager_options.clock = [this] { return clock.Now(); };
    manager_options.on_change = [this](const std::string&) { ++changes; };
    manager = std::make_unique<ProbeManager>(*prober, manager_options);
    pod.mutable_metadata()->set_uid("uid-1");
    pod.mutable_metadata()->set_name("web");
    pod.mutable_metadata()->set_namespace_("default");
    container = pod.mutable_spec()->add_containers();
    container->set_name("app");
  }

  k8s::core::v1::Probe* Probe(k8s::core::v1::Probe* probe, int delay, int period,
                              int failure_threshold) {
    probe->mutable_handler()->mutable_exec()->add_command("check");
    probe->set_initialdelayseconds(delay);
    probe->set_periodseconds(period);
    probe->set_timeoutseconds(1);
    probe->set_successthreshold(1);
    probe->set_failurethreshold(failure_threshold);
    return probe;
  }

  void Update(bool was_ready = false) {
    manager->UpdatePod(pod, "10.0.0.2", {{"app", container_id, clock.Now(), was_ready}});
  }
  // Moves time by `step` `count` times, running what is due each time.
  void Tick(absl::Duration step, int count = 1) {
    for (int i = 0; i < count; ++i) {
      clock.Advance(step);
      manager->RunDueProbesForTest();
    }
  }

  Clock clock;
  std::unique_ptr<fake::FakeRuntime> runtime;
  std::string sandbox_id, container_id;
  std::unique_ptr<Prober> prober;
  std::unique_ptr<ProbeManager> manager;
  k8s::core::v1::Pod pod;
  k8s::core::v1::Container* container;
  std::atomic<int> answer{0};
  std::atomic<int> execs{0};
  std::atomic<int> changes{0};
};

TEST_CASE("readiness starts failed, waits the initial delay, then follows the probe") {
  Fixture f;
  f.Probe(f.container->mutable_readinessprobe(), 5, 2, 3);
  f.Update();
  CHECK(f.manager->Result(f.container_id, ProbeType::kReadiness) == ProbeResult::kFailure);
  f.Tick(absl::Seconds(4));
  CHECK(f.execs == 0);
  f.Tick(absl::Seconds(1));
  CHECK(f.execs == 1);
  CHECK(f.manager->Result(f.container_id, ProbeType::kReadiness) == ProbeResult::kSuccess);
  CHECK(f.changes == 1);
  // Three failures in a row flip it back; two do not.
  f.answer = 1;
  f.Tick(absl::Seconds(2), 2);
  CHECK(f.manager->Result(f.container_id, ProbeType::kReadiness) == ProbeResult::kSuccess);
  f.Tick(absl::Seconds(2));
  CHECK(f.manager->Result(f.container_id, ProbeType::kReadiness) == ProbeResult::kFailure);
  // Readiness keeps probing after failure.
  f.answer = 0;
  f.Tick(absl::Seconds(2));
  CHECK(f.manager->Result(f.container_id, ProbeType::kReadiness) == ProbeResult::kSuccess);
}

TEST_CASE("liveness fails after the threshold and then holds") {
  Fixture f;
  f.Probe(f.container->mutable_livenessprobe(), 0, 1, 2);
  f.Update();
  CHECK(f.manager->Result(f.container_id, ProbeType::kLiveness) == ProbeResult::kSuccess);
  f.answer = 1;
  f.Tick(absl::ZeroDuration());
  CHECK(f.manager->Result(f.container_id, ProbeType::kLiveness) == ProbeResult::kSuccess);
  f.Tick(absl::Seconds(1));
  CHECK(f.manager->Result(f.container_id, ProbeType::kLiveness) == ProbeResult::kFailure);
  int execs = f.execs;
  f.Tick(absl::Seconds(1), 5);
  CHECK(f.execs == execs);  // on hold until a new container
  // The replacement container gets a fresh worker; the old one goes.
  f.manager->UpdatePod(f.pod, "10.0.0.2", {{"app", "new-id", f.clock.Now(), false}});
  CHECK(f.manager->Result(f.container_id, ProbeType::kLiveness) == ProbeResult::kUnknown);
  CHECK(f.manager->Result("new-id", ProbeType::kLiveness) == ProbeResult::kSuccess);
}

TEST_CASE("liveness and readiness wait for the startup probe") {
  Fixture f;
  f.Probe(f.container->mutable_startupprobe(), 0, 1, 30);
  f.Probe(f.container->mutable_readinessprobe(), 0, 1, 1);
  f.answer = 1;
  f.Update();
  f.Tick(absl::Seconds(1), 3);
  CHECK(f.manager->Result(f.container_id, ProbeType::kStartup) == ProbeResult::kUnknown);
  CHECK(f.execs == 3);  // only the startup probe ran
  f.answer = 0;
  f.Tick(absl::Seconds(1));
  CHECK(f.manager->Result(f.container_id, ProbeType::kStartup) == ProbeResult::kSuccess);
  f.Tick(absl::Seconds(1));
  CHECK(f.manager->Result(f.container_id, ProbeType::kReadiness) == ProbeResult::kSuccess);
  f.manager->RemovePod("uid-1");
  CHECK(f.manager->Result(f.container_id, ProbeType::kReadiness) == ProbeResult::kUnknown);
}

TEST_CASE("an adopted container that was ready stays ready until probed") {
  Fixture f;
  f.Probe(f.container->mutable_readinessprobe(), 0, 10, 3);
  f.Update(/*was_ready=*/true);
  CHECK(f.manager->Result(f.container_id, ProbeType::kReadiness) == ProbeResult::kSuccess);
}

TEST_CASE("tcp and http probes against a local listener") {
  int listener = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0);
  socklen_t length = sizeof(address);
  getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);
  REQUIRE(listen(listener, 8) == 0);
  int port = ntohs(address.sin_port);
  CHECK(TcpProbe("127.0.0.1", port, absl::Seconds(1)).result == ProbeResult::kSuccess);
  close(listener);
  ProbeOutcome closed = TcpProbe("127.0.0.1", port, absl::Seconds(1));
  CHECK(closed.result == ProbeResult::kFailure);
  CHECK(HttpGetProbe("127.0.0.1", port, "/healthz", {}, absl::Seconds(1)).result ==
        ProbeResult::kFailure);
}

}  // namespace
}  // namespace kube::kubelet
