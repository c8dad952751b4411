// A pod through its whole life against a real containerd (root only; SKIPPED with a
// warning otherwise): sandbox with an IP from the node's CIDR, containers with
// command, args, env and limits, CRI log files, exec, stats, log reopening, pod and
// host networking, stop (SIGTERM, then SIGKILL after the grace period), OOM kills,
// listing and removal.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <optional>
#include <regex>
#include <sstream>

#include "absl/strings/match.h"
#include "common/util/strings.h"
#include "kubelet/runtime/remote/remote_runtime.h"
#include "kubelet/runtime/remote/testing/cri_test_util.h"
#include "tests/support/subprocess.h"

namespace kube::kubelet {
namespace {

using kube::testing::ReadFile;
using testing::Connect;
using testing::ContainerdNode;
using testing::Eventually;
using testing::PodConfig;
using testing::ShellContainer;
using testing::StartNodeOrSkip;
using testing::WaitUntilExited;

constexpr char kPodCidrPrefix[] = "10.88.0.";  // ContainerdNodeOptions' default CIDR

// Every line of a CRI log file: "<RFC3339Nano> <stream> <F|P> <text>".
void CheckCriLogFormat(const std::string& log) {
  static const std::regex kLine(
      R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d) (stdout|stderr) [FP] .*)");
  std::istringstream lines(log);
  std::string line;
  while (std::getline(lines, line)) {
    INFO(line);
    CHECK(std::regex_match(line, kLine));
  }
}

// The container's cgroup file under cgroupfs (v1 hierarchy or v2), "" if absent.
std::string CgroupFile(const std::string& v1_controller, const std::string& cgroup,
                       const std::string& v1_file, const std::string& v2_file) {
  std::string v1 = StrCat("/sys/fs/cgroup/", v1_controller, cgroup, "/", v1_file);
  if (std::filesystem::exists(v1)) return ReadFile(v1);
  std::string v2 = StrCat("/sys/fs/cgroup", cgroup, "/", v2_file);
  if (std::filesystem::exists(v2)) return ReadFile(v2);
  return "";
}

ContainerFilter Filter(const std::string& sandbox_id, std::optional<ContainerState> state,
                       std::map<std::string, std::string> labels = {}) {
  ContainerFilter filter;
  filter.sandbox_id = sandbox_id;
  filter.state = state;
  filter.labels = std::move(labels);
  return filter;
}

bool HasContainer(const std::vector<ContainerStatus>& list, const std::string& id) {
  return std::any_of(list.begin(), list.end(),
                     [&](const ContainerStatus& status) { return status.id == id; });
}

TEST_CASE("remote runtime: a pod from sandbox to removal", "[cri][containerd]") {
  std::unique_ptr<ContainerdNode> node = StartNodeOrSkip();
  if (node == nullptr) return;
  std::unique_ptr<Runtime> runtime = Connect(*node);
  REQUIRE(Eventually([&] { return runtime->Ready().ok(); }, absl::Seconds(10)));

  // ---- the sandbox ----
  PodSandboxConfig pod = PodConfig(*node, "lifecycle");
  pod.port_mappings = {{"TCP", 80, 8080, ""}};
  std::filesystem::create_directories(pod.log_directory);  // the kubelet's job, as upstream
  absl::StatusOr<std::string> sandbox = runtime->RunPodSandbox(pod);
  REQUIRE(sandbox.ok());
  absl::StatusOr<PodSandboxStatus> sandbox_status = runtime->GetPodSandboxStatus(*sandbox);
  REQUIRE(sandbox_status.ok());
  CHECK(sandbox_status->id == *sandbox);
  CHECK(sandbox_status->state == SandboxState::kReady);
  CHECK(absl::StartsWith(sandbox_status->ip, kPodCidrPrefix));
  CHECK(sandbox_status->name == "lifecycle");
  CHECK(sandbox_status->uid == "uid-lifecycle");
  CHECK(sandbox_status->namespace_ == "default");
  CHECK(sandbox_status->labels == pod.labels);
  CHECK(sandbox_status->annotations == pod.annotations);
  CHECK(sandbox_status->created_at > absl::Now() - absl::Minutes(1));
  const std::string pod_ip = sandbox_status->ip;

  // ---- a container with command, args, env, working dir and limits ----
  ContainerConfig greeter = ShellContainer(
      "greeter",
      "echo \"hello $GREETING from $(pwd)\"; echo complaint >&2; "
      "while true; do echo tick; sleep 0.2; done");
  greeter.envs = {{"GREETING", "world"}};
  greeter.working_dir = "/tmp";
  greeter.resources = {.cpu_period = 100000, .cpu_quota = 50000, .cpu_shares = 512,
                       .memory_limit_bytes = 64 << 20};
  absl::StatusOr<std::string> greeter_id = runtime->CreateContainer(*sandbox, greeter, pod);
  REQUIRE(greeter_id.ok());
  absl::StatusOr<ContainerStatus> status = runtime->GetContainerStatus(*greeter_id);
  REQUIRE(status.ok());
  CHECK(status->state == ContainerState::kCreated);
  CHECK(status->sandbox_id == *sandbox);
  CHECK(status->started_at == absl::InfinitePast());
  REQUIRE(runtime->StartContainer(*greeter_id).ok());

  const std::string greeter_log = StrCat(pod.log_directory, "/greeter/0.log");
  REQUIRE(Eventually([&] { return absl::StrContains(ReadFile(greeter_log), "tick"); },
                     absl::Seconds(10)));
  std::string log = ReadFile(greeter_log);
  CheckCriLogFormat(log);
  CHECK_THAT(log, Catch::Contains(" stdout F hello world from /tmp\n"));
  CHECK_THAT(log, Catch::Contains(" stderr F complaint\n"));

  status = runtime->GetContainerStatus(*greeter_id);
  REQUIRE(status.ok());
  CHECK(status->state == ContainerState::kRunning);
  CHECK(status->name == "greeter");
  CHECK(status->sandbox_id == *sandbox);
  CHECK(status->started_at >= status->created_at);
  CHECK(status->finished_at == absl::InfinitePast());
  CHECK(status->log_path == greeter_log);
  CHECK(status->labels == greeter.labels);
  CHECK(status->annotations == greeter.annotations);
  CHECK_THAT(status->image, Catch::Contains("busybox"));
  CHECK_THAT(status->image_ref, Catch::Contains("sha256:"));

  // The limits reached the container's cgroup (cgroupfs: PARENT/ID).
  const std::string cgroup = StrCat(pod.cgroup_parent, "/", *greeter_id);
  CHECK(CgroupFile("memory", cgroup, "memory.limit_in_bytes", "memory.max") == "67108864\n");
  std::string quota = CgroupFile("cpu", cgroup, "cpu.cfs_quota_us", "cpu.max");
  CHECK((quota == "50000\n" || quota == "50000 100000\n"));
  CHECK(CgroupFile("cpu", cgroup, "cpu.shares", "cpu.weight") != "");

  // ---- exec ----
  absl::StatusOr<ExecResult> exec = runtime->ExecSync(
      *greeter_id, {"sh", "-c", "pwd; echo $GREETING; echo oops >&2; exit 3"}, absl::Seconds(10));
  REQUIRE(exec.ok());
  CHECK(exec->stdout_data == "/tmp\nworld\n");
  CHECK(exec->stderr_data == "oops\n");
  CHECK(exec->exit_code == 3);
  exec = runtime->ExecSync(*greeter_id, {"cat", "/etc/resolv.conf"}, absl::Seconds(10));
  REQUIRE(exec.ok());
  CHECK_THAT(exec->stdout_data, Catch::Contains("nameserver 10.96.0.10") &&
                                    Catch::Contains("search default.svc.cluster.local") &&
                                    Catch::Contains("options ndots:5"));
  exec = runtime->ExecSync(*greeter_id, {"hostname"}, absl::Seconds(10));
  REQUIRE(exec.ok());
  CHECK(exec->stdout_data == "lifecycle\n");
  absl::Time exec_start = absl::Now();
  CHECK(runtime->ExecSync(*greeter_id, {"sleep", "5"}, absl::Seconds(1)).status().code() ==
        absl::StatusCode::kDeadlineExceeded);
  CHECK(absl::Now() - exec_start < absl::Seconds(4));

  // ---- stats ----
  absl::StatusOr<std::vector<ContainerStats>> stats = runtime->ListContainerStats();
  REQUIRE(stats.ok());
  auto greeter_stats = std::find_if(stats->begin(), stats->end(),
                                    [&](const ContainerStats& s) { return s.id == *greeter_id; });
  REQUIRE(greeter_stats != stats->end());
  CHECK(greeter_stats->memory_usage_bytes > 0);
  CHECK(greeter_stats->timestamp > absl::Now() - absl::Minutes(1));

  // ---- log rotation: the runtime reopens the file it writes ----
  std::filesystem::rename(greeter_log, greeter_log + ".1");
  REQUIRE(runtime->ReopenContainerLog(*greeter_id).ok());
  CHECK(Eventually([&] { return absl::StrContains(ReadFile(greeter_log), "tick"); },
                   absl::Seconds(5)));

  // ---- the pod network: its IP and its host port answer from the node ----
  ContainerConfig web = ShellContainer(
      "web", "mkdir -p /www && echo hi-from-pod > /www/index.html && exec httpd -f -p 80 -h /www");
  absl::StatusOr<std::string> web_id = runtime->CreateContainer(*sandbox, web, pod);
  REQUIRE(web_id.ok());
  REQUIRE(runtime->StartContainer(*web_id).ok());
  auto fetch = [&](const std::string& url) {
    return node->RunInNetns({"curl", "-sf", "--max-time", "2", url}, absl::Seconds(5)).out;
  };
  CHECK(Eventually([&] { return fetch(StrCat("http://", pod_ip, ":80/")) == "hi-from-pod\n"; },
                   absl::Seconds(10)));
  // The bridge's gateway is the node's address on the pod network; portmap DNATs it.
  const std::string gateway = StrCat(kPodCidrPrefix, "1");
  CHECK(Eventually([&] { return fetch(StrCat("http://", gateway, ":8080/")) == "hi-from-pod\n"; },
                   absl::Seconds(5)));

  // ---- host network: the node's namespace, no pod IP ----
  PodSandboxConfig host_pod = PodConfig(*node, "hostnet");
  host_pod.host_network = true;
  host_pod.hostname = "";
  std::filesystem::create_directories(host_pod.log_directory);
  absl::StatusOr<std::string> host_sandbox = runtime->RunPodSandbox(host_pod);
  REQUIRE(host_sandbox.ok());
  absl::StatusOr<PodSandboxStatus> host_status = runtime->GetPodSandboxStatus(*host_sandbox);
  REQUIRE(host_status.ok());
  CHECK(host_status->ip.empty());
  absl::StatusOr<std::string> host_container =
      runtime->CreateContainer(*host_sandbox, ShellContainer("probe", "exec sleep 3600"), host_pod);
  REQUIRE(host_container.ok());
  REQUIRE(runtime->StartContainer(*host_container).ok());
  exec = runtime->ExecSync(*host_container, {"cat", "/proc/net/dev"}, absl::Seconds(10));
  REQUIRE(exec.ok());
  CHECK_THAT(exec->stdout_data, Catch::Contains("kcri0"));  // the node's bridge

  // ---- stop: SIGTERM first ... ----
  ContainerConfig graceful = ShellContainer(
      "graceful", "trap 'echo bye; exit 0' TERM; echo ready; while true; do sleep 0.1; done");
  absl::StatusOr<std::string> graceful_id = runtime->CreateContainer(*sandbox, graceful, pod);
  REQUIRE(graceful_id.ok());
  REQUIRE(runtime->StartContainer(*graceful_id).ok());
  const std::string graceful_log = StrCat(pod.log_directory, "/graceful/0.log");
  REQUIRE(Eventually([&] { return absl::StrContains(ReadFile(graceful_log), "ready"); },
                     absl::Seconds(10)));
  absl::Time stop_start = absl::Now();
  REQUIRE(runtime->StopContainer(*graceful_id, absl::Seconds(10)).ok());
  CHECK(absl::Now() - stop_start < absl::Seconds(5));
  status = runtime->GetContainerStatus(*graceful_id);
  REQUIRE(status.ok());
  CHECK(status->state == ContainerState::kExited);
  CHECK(status->exit_code == 0);
  CHECK(status->reason == "Completed");
  CHECK(status->finished_at >= status->started_at);
  CHECK_THAT(ReadFile(graceful_log), Catch::Contains(" stdout F bye\n"));

  // ---- ... then SIGKILL once the grace period is over (PID 1 ignores SIGTERM) ----
  stop_start = absl::Now();
  REQUIRE(runtime->StopContainer(*greeter_id, absl::Seconds(1)).ok());
  CHECK(absl::Now() - stop_start >= absl::Milliseconds(900));
  status = runtime->GetContainerStatus(*greeter_id);
  REQUIRE(status.ok());
  CHECK(status->state == ContainerState::kExited);
  CHECK(status->exit_code == 137);
  CHECK(status->reason == "Error");

  // ---- listing after the fact ----
  absl::StatusOr<std::vector<ContainerStatus>> listed =
      runtime->ListContainers(Filter(*sandbox, std::nullopt));
  REQUIRE(listed.ok());
  CHECK(listed->size() == 3);
  CHECK((HasContainer(*listed, *greeter_id) && HasContainer(*listed, *graceful_id) &&
         HasContainer(*listed, *web_id)));
  listed = runtime->ListContainers(Filter(*sandbox, ContainerState::kRunning));
  REQUIRE(listed.ok());
  REQUIRE(listed->size() == 1);
  CHECK(listed->front().id == *web_id);
  listed = runtime->ListContainers(
      Filter("", std::nullopt, {{"io.kubernetes.container.name", "graceful"}}));
  REQUIRE(listed.ok());
  REQUIRE(listed->size() == 1);
  CHECK(listed->front().id == *graceful_id);
  CHECK(listed->front().sandbox_id == *sandbox);
  CHECK(listed->front().state == ContainerState::kExited);
  absl::StatusOr<std::vector<PodSandboxStatus>> sandboxes = runtime->ListPodSandboxes();
  REQUIRE(sandboxes.ok());
  CHECK(sandboxes->size() == 2);

  // ---- removal ----
  REQUIRE(runtime->RemoveContainer(*greeter_id).ok());
  CHECK(runtime->GetContainerStatus(*greeter_id).status().code() == absl::StatusCode::kNotFound);
  CHECK(runtime->RemoveContainer(*greeter_id).ok());  // idempotent, as CRI requires
  for (const std::string& id : {*sandbox, *host_sandbox}) {
    REQUIRE(runtime->StopPodSandbox(id).ok());
    absl::StatusOr<PodSandboxStatus> stopped = runtime->GetPodSandboxStatus(id);
    REQUIRE(stopped.ok());
    CHECK(stopped->state == SandboxState::kNotReady);
    CHECK(runtime->StopPodSandbox(id).ok());  // idempotent
    REQUIRE(runtime->RemovePodSandbox(id).ok());
    CHECK(runtime->GetPodSandboxStatus(id).status().code() == absl::StatusCode::kNotFound);
  }
  sandboxes = runtime->ListPodSandboxes();
  REQUIRE(sandboxes.ok());
  CHECK(sandboxes->empty());
  listed = runtime->ListContainers({});
  REQUIRE(listed.ok());
  CHECK(listed->empty());
}

TEST_CASE("remote runtime: a container over its memory limit is OOMKilled", "[cri][containerd]") {
  std::unique_ptr<ContainerdNode> node = StartNodeOrSkip();
  if (node == nullptr) return;
  std::unique_ptr<Runtime> runtime = Connect(*node);
  PodSandboxConfig pod = PodConfig(*node, "oom");
  std::filesystem::create_directories(pod.log_directory);
  absl::StatusOr<std::string> sandbox = runtime->RunPodSandbox(pod);
  REQUIRE(sandbox.ok());

  // dd as PID 1 with a 64 MiB buffer under a 32 MiB limit: the kernel kills it.
  ContainerConfig hog = ShellContainer("hog", "");
  hog.command = {"dd"};
  hog.args = {"if=/dev/zero", "of=/dev/null", "bs=64M", "count=1"};
  hog.resources.memory_limit_bytes = 32 << 20;
  absl::StatusOr<std::string> hog_id = runtime->CreateContainer(*sandbox, hog, pod);
  REQUIRE(hog_id.ok());
  REQUIRE(runtime->StartContainer(*hog_id).ok());
  absl::StatusOr<ContainerStatus> status = WaitUntilExited(*runtime, *hog_id, absl::Seconds(30));
  REQUIRE(status.ok());
  CHECK(status->state == ContainerState::kExited);
  CHECK(status->reason == "OOMKilled");
  CHECK(status->exit_code == 137);

  REQUIRE(runtime->StopPodSandbox(*sandbox).ok());
  REQUIRE(runtime->RemovePodSandbox(*sandbox).ok());
}

}  // namespace
}  // namespace kube::kubelet
