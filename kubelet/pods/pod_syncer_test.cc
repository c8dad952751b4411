// PodSyncer on the fake runtime with a fake clock: crash-loop timing, liveness
// restarts, configs handed to the runtime, termination, cleanup and adoption.

#include "kubelet/pods/pod_syncer.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <memory>

#include "absl/synchronization/mutex.h"
#include "common/client/fake_transport.h"
#include "kubelet/container/labels.h"
#include "kubelet/objects/fake_object_source.h"
#include "kubelet/runtime/fake/fake_runtime.h"
#include "tests/support/subprocess.h"

namespace kube::kubelet {
namespace {

using k8s::core::v1::Pod;

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

// Everything a PodSyncer needs, in memory: the fake runtime and API, a temp root.
struct Node {
  Node() : client(transport) {
    fake::FakeRuntimeOptions runtime_options;
    runtime_options.clock = [this] { return clock.Now(); };
    runtime_options.sleep = [this](absl::Duration d) { clock.Advance(d); };
    runtime = std::move(*fake::FakeRuntime::Create(runtime_options));
    runtime->SetBehaviorHook(
        [this](const ContainerConfig& config,
               const PodSandboxConfig& sandbox) -> std::optional<fake::FakeBehavior> {
          absl::MutexLock lock(&mu);
          configs.push_back(config);
          sandboxes.push_back(sandbox);
          return std::nullopt;
        });
    volumes = std::make_unique<VolumeManager>(root.path(), objects);
    prober = std::make_unique<Prober>(*runtime);
    ProbeManagerOptions probe_options;
    probe_options.clock = [this] { return clock.Now(); };
    probes = std::make_unique<ProbeManager>(*prober, probe_options);
    status = std::make_unique<StatusManager>(client);
    syncer = NewSyncer();
  }

  std::unique_ptr<PodSyncer> NewSyncer() {
    PodSyncerOptions options;
    options.host_ip = "192.168.0.2";
    options.dns = {{"10.0.0.10"}, "cluster.local"};
    options.clock = [this] { return clock.Now(); };
    return std::make_unique<PodSyncer>(PodSyncerDeps{runtime.get(), volumes.get(), &objects,
                                                     probes.get(), status.get(), nullptr, &client},
                                       options);
  }

  std::shared_ptr<Pod> Create(Pod pod) {
    pod.mutable_metadata()->set_namespace_("default");
    pod.mutable_metadata()->set_uid("uid-" + pod.metadata().name());
    auto created = client.Create(pod);
    REQUIRE(created.ok());
    return std::make_shared<Pod>(pod);
  }

  absl::Duration Sync(const std::shared_ptr<Pod>& pod) {
    auto next = syncer->Sync(pod->metadata().uid(), pod);
    INFO(next.status());
    REQUIRE(next.ok());
    return *next;
  }

  k8s::core::v1::ContainerStatus AppStatus(const Pod& pod) {
    return status->BaseStatus(pod).containerstatuses(0);
  }

  Clock clock;
  kube::testing::TempDir root;
  std::shared_ptr<client::testing::FakeTransport> transport =
      std::make_shared<client::testing::FakeTransport>();
  client::Client client;
  testing::FakeObjectSource objects;
  std::unique_ptr<fake::FakeRuntime> runtime;
  std::unique_ptr<VolumeManager> volumes;
  std::unique_ptr<Prober> prober;
  std::unique_ptr<ProbeManager> probes;
  std::unique_ptr<StatusManager> status;
  std::unique_ptr<PodSyncer> syncer;
  absl::Mutex mu;
  std::vector<ContainerConfig> configs ABSL_GUARDED_BY(mu);
  std::vector<PodSandboxConfig> sandboxes ABSL_GUARDED_BY(mu);
};

Pod AppPod(const std::string& name, std::map<std::string, std::string> annotations = {}) {
  Pod pod;
  pod.mutable_metadata()->set_name(name);
  pod.mutable_metadata()->mutable_annotations()->insert(annotations.begin(), annotations.end());
  pod.mutable_spec()->set_restartpolicy("Always");
  pod.mutable_spec()->set_terminationgraceperiodseconds(30);
  auto* c = pod.mutable_spec()->add_containers();
  c->set_name("app");
  c->set_image("nginx:1.25");
  return pod;
}

TEST_CASE("crash loops restart at once, then after 10 s, 20 s, ...") {
  Node node;
  auto pod = node.Create(AppPod("loop", {{"fake.kubelet.kube/exit-code", "1"}}));
  node.Sync(pod);  // starts attempt 0, which exits at once
  CHECK(node.AppStatus(*pod).state().terminated().exitcode() == 1);
  CHECK(node.status->BaseStatus(*pod).phase() == "Running");

  node.clock.Advance(absl::Seconds(1));
  node.Sync(pod);  // first restart: no back-off yet
  CHECK(node.AppStatus(*pod).restartcount() == 1);

  node.clock.Advance(absl::Seconds(1));
  absl::Duration wait = node.Sync(pod);  // second restart must wait 10 s
  auto app = node.AppStatus(*pod);
  CHECK(app.state().waiting().reason() == "CrashLoopBackOff");
  CHECK(app.state().waiting().message().find("back-off 10s") != std::string::npos);
  CHECK(app.laststate().terminated().exitcode() == 1);
  CHECK(app.restartcount() == 1);
  CHECK(wait == absl::Seconds(9));  // until 10 s after it exited

  node.clock.Advance(absl::Seconds(9));
  node.Sync(pod);
  CHECK(node.AppStatus(*pod).restartcount() == 2);
  node.clock.Advance(absl::Seconds(1));
  wait = node.Sync(pod);
  CHECK(node.AppStatus(*pod).state().waiting().message().find("back-off 20s") != std::string::npos);
  CHECK(wait == absl::Seconds(19));
  CHECK(node.runtime->start_count() == 3);
}

TEST_CASE("a failed liveness probe replaces the container") {
  Node node;
  Pod spec = AppPod("sick", {{"fake.kubelet.kube/probe-fail-after", "5s"}});
  auto* probe = spec.mutable_spec()->mutable_containers(0)->mutable_livenessprobe();
  probe->mutable_handler()->mutable_exec()->add_command("check");
  probe->set_periodseconds(1);
  probe->set_failurethreshold(2);
  auto pod = node.Create(spec);
  node.Sync(pod);
  const std::string first = node.AppStatus(*pod).containerid();
  for (int i = 0; i < 8; ++i) {
    node.clock.Advance(absl::Seconds(1));
    node.probes->RunDueProbesForTest();
  }
  node.Sync(pod);
  auto app = node.AppStatus(*pod);
  CHECK(app.containerid() != first);
  CHECK(app.restartcount() == 1);
  CHECK(app.state().has_running());
  CHECK(app.laststate().terminated().exitcode() == 143);
}

TEST_CASE("the runtime gets DNS, env, mounts and resources from the spec") {
  Node node;
  node.objects.AddConfigMap("default", "cfg", {{"greeting", "hello"}});
  Pod spec = AppPod("web");
  auto* c = spec.mutable_spec()->mutable_containers(0);
  c->add_args("--greet=$(GREETING)");
  auto* env = c->add_env();
  env->set_name("GREETING");
  env->mutable_valuefrom()->mutable_configmapkeyref()->mutable_localobjectreference()->set_name(
      "cfg");
  env->mutable_valuefrom()->mutable_configmapkeyref()->set_key("greeting");
  auto* ip = c->add_env();
  ip->set_name("POD_IP");
  ip->mutable_valuefrom()->mutable_fieldref()->set_fieldpath("status.podIP");
  (*c->mutable_resources()->mutable_requests())["cpu"].set_string("500m");
  auto* mount = c->add_volumemounts();
  mount->set_name("config");
  mount->set_mountpath("/etc/app");
  auto* volume = spec.mutable_spec()->add_volumes();
  volume->set_name("config");
  volume->mutable_volumesource()->mutable_configmap()->mutable_localobjectreference()->set_name(
      "cfg");
  auto pod = node.Create(spec);
  node.Sync(pod);

  absl::MutexLock lock(&node.mu);
  REQUIRE(node.configs.size() == 1);
  const ContainerConfig& config = node.configs[0];
  const PodSandboxConfig& sandbox = node.sandboxes[0];
  CHECK(sandbox.dns_servers == std::vector<std::string>{"10.0.0.10"});
  CHECK(sandbox.dns_searches[0] == "default.svc.cluster.local");
  CHECK(sandbox.cgroup_parent == "/kubepods/burstable/poduid-web");
  CHECK(config.args == std::vector<std::string>{"--greet=hello"});
  std::map<std::string, std::string> envs(config.envs.begin(), config.envs.end());
  CHECK(envs["GREETING"] == "hello");
  CHECK(envs["POD_IP"] == node.status->BaseStatus(*pod).podip());
  CHECK(config.resources.cpu_shares == 512);
  REQUIRE(config.mounts.size() == 2);
  CHECK(config.mounts[0].container_path == "/etc/app");
  CHECK(kube::testing::ReadFile(config.mounts[0].host_path + "/greeting") == "hello");
  CHECK(config.mounts[0].readonly);
  CHECK(config.mounts[1].container_path == "/etc/hosts");
  CHECK(config.log_path == "app/0.log");
}

TEST_CASE("a missing config map keeps the container waiting") {
  Node node;
  Pod spec = AppPod("needs-config");
  auto* env = spec.mutable_spec()->mutable_containers(0)->add_env();
  env->set_name("X");
  env->mutable_valuefrom()->mutable_secretkeyref()->mutable_localobjectreference()->set_name("s");
  env->mutable_valuefrom()->mutable_secretkeyref()->set_key("k");
  auto pod = node.Create(spec);
  node.Sync(pod);
  auto app = node.AppStatus(*pod);
  CHECK(app.state().waiting().reason() == "CreateContainerConfigError");
  CHECK(app.state().waiting().message() == "secret \"s\" not found");
  node.objects.AddSecret("default", "s", {{"k", "v"}});
  node.clock.Advance(absl::Seconds(5));
  node.Sync(pod);
  CHECK(node.AppStatus(*pod).state().has_running());
}

TEST_CASE("a deleted pod is stopped, reported and removed, then cleaned up") {
  Node node;
  auto pod = node.Create(AppPod("gone"));
  node.Sync(pod);
  CHECK(node.AppStatus(*pod).state().has_running());
  const std::string pod_dir = node.volumes->PodDir(pod->metadata().uid());
  CHECK(std::filesystem::exists(pod_dir));

  pod->mutable_metadata()->mutable_deletiontimestamp()->set_seconds(1);
  pod->mutable_metadata()->set_deletiongraceperiodseconds(30);
  node.Sync(pod);
  auto terminated = node.AppStatus(*pod);
  CHECK(terminated.state().terminated().exitcode() == 143);
  CHECK(node.status->BaseStatus(*pod).phase() == "Failed");
  CHECK(absl::IsNotFound(node.client.Get<Pod>("default", "gone").status()));

  // The informer then reports it gone: everything it left goes.
  auto next = node.syncer->Sync(pod->metadata().uid(), nullptr);
  REQUIRE(next.ok());
  CHECK(*next == absl::InfiniteDuration());
  CHECK(node.runtime->ListContainers({})->empty());
  CHECK(node.runtime->ListPodSandboxes()->empty());
  CHECK_FALSE(std::filesystem::exists(pod_dir));
}

TEST_CASE("a new syncer adopts what is running without restarting it") {
  Node node;
  auto pod = node.Create(AppPod("steady"));
  node.Sync(pod);
  const std::string id = node.AppStatus(*pod).containerid();
  const int starts = node.runtime->start_count();
  node.syncer = node.NewSyncer();  // as after a kubelet restart
  node.status->ForgetPod(pod->metadata().uid());
  node.clock.Advance(absl::Seconds(30));
  node.Sync(pod);
  node.Sync(pod);
  CHECK(node.runtime->start_count() == starts);
  CHECK(node.AppStatus(*pod).containerid() == id);
  CHECK(node.runtime->ListPodSandboxes()->size() == 1);
}

TEST_CASE("restartPolicy Never: the pod finishes and its sandbox stops") {
  Node node;
  Pod spec = AppPod("job", {{"fake.kubelet.kube/exit-code", "0"}});
  spec.mutable_spec()->set_restartpolicy("Never");
  auto pod = node.Create(spec);
  node.Sync(pod);
  node.clock.Advance(absl::Seconds(1));
  node.Sync(pod);
  CHECK(node.status->BaseStatus(*pod).phase() == "Succeeded");
  auto sandboxes = node.runtime->ListPodSandboxes();
  REQUIRE(sandboxes->size() == 1);
  CHECK((*sandboxes)[0].state == SandboxState::kNotReady);
  node.Sync(pod);
  CHECK(node.runtime->start_count() == 1);
  CHECK(node.status->BaseStatus(*pod).podip() == "10.88.0.2");
}

TEST_CASE("activeDeadlineSeconds fails the pod") {
  Node node;
  Pod spec = AppPod("deadline");
  spec.mutable_spec()->set_activedeadlineseconds(60);
  auto pod = node.Create(spec);
  node.Sync(pod);
  node.clock.Advance(absl::Seconds(61));
  node.Sync(pod);
  auto status = node.status->BaseStatus(*pod);
  CHECK(status.phase() == "Failed");
  CHECK(status.reason() == "DeadlineExceeded");
  CHECK(node.runtime->ListContainers({.state = ContainerState::kRunning})->empty());
}

}  // namespace
}  // namespace kube::kubelet

namespace kube::kubelet {
namespace {

// Records every exec the fake runtime runs, by command, and fails the ones told to.
struct ExecRecorder {
  void Install(fake::FakeRuntime& runtime) {
    runtime.SetExecHook([this](const ContainerStatus&, const std::vector<std::string>& command)
                            -> std::optional<absl::StatusOr<ExecResult>> {
      absl::MutexLock lock(&mu);
      commands.push_back(command.empty() ? "" : command.back());
      ExecResult result;
      result.exit_code = command.back() == "fail" ? 3 : 0;
      return absl::StatusOr<ExecResult>(result);
    });
  }
  std::vector<std::string> Commands() {
    absl::MutexLock lock(&mu);
    return commands;
  }
  absl::Mutex mu;
  std::vector<std::string> commands ABSL_GUARDED_BY(mu);
};

void AddHook(k8s::core::v1::LifecycleHandler* handler, const std::string& word) {
  handler->mutable_exec()->add_command("sh");
  handler->mutable_exec()->add_command(word);
}

TEST_CASE("postStart runs after the start, preStop before the stop") {
  Node node;
  ExecRecorder execs;
  execs.Install(*node.runtime);
  Pod spec = AppPod("hooked");
  auto* lifecycle = spec.mutable_spec()->mutable_containers(0)->mutable_lifecycle();
  AddHook(lifecycle->mutable_poststart(), "started");
  AddHook(lifecycle->mutable_prestop(), "stopping");
  auto pod = node.Create(spec);
  node.Sync(pod);
  CHECK(node.AppStatus(*pod).state().has_running());
  CHECK(execs.Commands() == std::vector<std::string>{"started"});

  pod->mutable_metadata()->mutable_deletiontimestamp()->set_seconds(1);
  pod->mutable_metadata()->set_deletiongraceperiodseconds(30);
  node.Sync(pod);
  CHECK(execs.Commands() == std::vector<std::string>{"started", "stopping"});
  CHECK(node.AppStatus(*pod).state().has_terminated());
}

TEST_CASE("a failed postStart hook kills the container, which restarts by policy") {
  Node node;
  ExecRecorder execs;
  execs.Install(*node.runtime);
  Pod spec = AppPod("bad-hook");
  AddHook(spec.mutable_spec()->mutable_containers(0)->mutable_lifecycle()->mutable_poststart(),
          "fail");
  auto pod = node.Create(spec);
  node.Sync(pod);
  auto status = node.AppStatus(*pod);
  CHECK_FALSE(status.state().has_running());
  CHECK(execs.Commands() == std::vector<std::string>{"fail"});
  node.clock.Advance(absl::Seconds(2));
  node.Sync(pod);
  CHECK(node.AppStatus(*pod).restartcount() == 1);
}

}  // namespace
}  // namespace kube::kubelet
