#include "kubelet/runtime/remote/cri_convert.h"

#include <catch2/catch.hpp>

#include "kubelet/runtime/remote/cri_status.h"

namespace kube::kubelet::remote {
namespace {

PodSandboxConfig SamplePod() {
  PodSandboxConfig pod;
  pod.name = "web";
  pod.uid = "u-1";
  pod.namespace_ = "prod";
  pod.attempt = 2;
  pod.hostname = "web-0";
  pod.log_directory = "/var/log/pods/prod_web_u-1";
  pod.dns_servers = {"10.96.0.10"};
  pod.dns_searches = {"prod.svc.cluster.local"};
  pod.dns_options = {"ndots:5"};
  pod.port_mappings = {{"UDP", 53, 5353, "127.0.0.1"}, {"TCP", 80, 8080, ""}};
  pod.labels = {{"app", "web"}};
  pod.annotations = {{"note", "x"}};
  pod.cgroup_parent = "/kubepods/burstable/podu-1";
  return pod;
}

TEST_CASE("cri convert: sandbox config", "[cri]") {
  cri::PodSandboxConfig config = ToCri(SamplePod());
  CHECK(config.metadata().name() == "web");
  CHECK(config.metadata().uid() == "u-1");
  CHECK(config.metadata().namespace_() == "prod");
  CHECK(config.metadata().attempt() == 2);
  CHECK(config.hostname() == "web-0");
  CHECK(config.log_directory() == "/var/log/pods/prod_web_u-1");
  CHECK(config.dns_config().servers(0) == "10.96.0.10");
  CHECK(config.dns_config().searches(0) == "prod.svc.cluster.local");
  CHECK(config.dns_config().options(0) == "ndots:5");
  REQUIRE(config.port_mappings_size() == 2);
  CHECK(config.port_mappings(0).protocol() == cri::UDP);
  CHECK(config.port_mappings(0).container_port() == 53);
  CHECK(config.port_mappings(0).host_port() == 5353);
  CHECK(config.port_mappings(0).host_ip() == "127.0.0.1");
  CHECK(config.port_mappings(1).protocol() == cri::TCP);
  CHECK(config.labels().at("app") == "web");
  CHECK(config.annotations().at("note") == "x");
  CHECK(config.linux().cgroup_parent() == "/kubepods/burstable/podu-1");
  const cri::NamespaceOption& namespaces =
      config.linux().security_context().namespace_options();
  CHECK(namespaces.network() == cri::POD);
  CHECK(namespaces.pid() == cri::CONTAINER);
  CHECK(namespaces.ipc() == cri::POD);

  PodSandboxConfig host = SamplePod();
  host.host_network = true;
  host.dns_servers.clear();
  host.dns_searches.clear();
  host.dns_options.clear();
  cri::PodSandboxConfig host_config = ToCri(host);
  CHECK(host_config.linux().security_context().namespace_options().network() == cri::NODE);
  CHECK(!host_config.has_dns_config());
}

TEST_CASE("cri convert: container config", "[cri]") {
  ContainerConfig container;
  container.name = "app";
  container.attempt = 3;
  container.image = "sha256:abc";
  container.command = {"/bin/sh", "-c"};
  container.args = {"echo hi"};
  container.working_dir = "/work";
  container.envs = {{"A", "1"}, {"B", "2"}};
  container.mounts = {{"/data", "/var/lib/kubelet/pods/u-1/volumes/data", true}};
  container.labels = {{"io.kubernetes.container.name", "app"}};
  container.annotations = {{"hash", "42"}};
  container.log_path = "app/3.log";
  container.stdin_open = true;
  container.tty = true;
  container.resources = {.cpu_period = 100000, .cpu_quota = 25000, .cpu_shares = 256,
                         .memory_limit_bytes = 1 << 20};
  PodSandboxConfig pod = SamplePod();
  pod.host_network = true;

  cri::ContainerConfig config = ToCri(container, pod);
  CHECK(config.metadata().name() == "app");
  CHECK(config.metadata().attempt() == 3);
  CHECK(config.image().image() == "sha256:abc");
  CHECK(std::vector<std::string>(config.command().begin(), config.command().end()) ==
        container.command);
  CHECK(config.args(0) == "echo hi");
  CHECK(config.working_dir() == "/work");
  REQUIRE(config.envs_size() == 2);
  CHECK(config.envs(1).key() == "B");
  CHECK(config.envs(1).value() == "2");
  REQUIRE(config.mounts_size() == 1);
  CHECK(config.mounts(0).container_path() == "/data");
  CHECK(config.mounts(0).host_path() == "/var/lib/kubelet/pods/u-1/volumes/data");
  CHECK(config.mounts(0).readonly());
  CHECK(config.labels().at("io.kubernetes.container.name") == "app");
  CHECK(config.annotations().at("hash") == "42");
  CHECK(config.log_path() == "app/3.log");
  CHECK(config.stdin());
  CHECK(config.tty());
  CHECK(config.linux().resources().cpu_period() == 100000);
  CHECK(config.linux().resources().cpu_quota() == 25000);
  CHECK(config.linux().resources().cpu_shares() == 256);
  CHECK(config.linux().resources().memory_limit_in_bytes() == 1 << 20);
  CHECK(config.linux().security_context().namespace_options().network() == cri::NODE);
  CHECK(config.linux().security_context().namespace_options().pid() == cri::CONTAINER);
}

TEST_CASE("cri convert: statuses, filters, times", "[cri]") {
  cri::ContainerStatus status;
  status.set_id("c1");
  status.mutable_metadata()->set_name("app");
  status.mutable_metadata()->set_attempt(1);
  status.set_state(cri::CONTAINER_EXITED);
  status.set_created_at(1'000'000'000);
  status.set_started_at(2'000'000'000);
  status.set_exit_code(137);
  status.set_reason("OOMKilled");
  status.mutable_image()->set_image("docker.io/library/busybox:latest");
  status.set_image_ref("sha256:abc");
  status.set_log_path("/var/log/pods/x/app/1.log");
  (*status.mutable_labels())["k"] = "v";
  ContainerStatus converted = FromCri(status);
  CHECK(converted.id == "c1");
  CHECK(converted.name == "app");
  CHECK(converted.attempt == 1);
  CHECK(converted.state == ContainerState::kExited);
  CHECK(converted.created_at == absl::FromUnixSeconds(1));
  CHECK(converted.started_at == absl::FromUnixSeconds(2));
  CHECK(converted.finished_at == absl::InfinitePast());  // 0 = not set
  CHECK(converted.exit_code == 137);
  CHECK(converted.reason == "OOMKilled");
  CHECK(converted.image_ref == "sha256:abc");
  CHECK(converted.labels.at("k") == "v");

  cri::PodSandboxStatus sandbox;
  sandbox.set_id("s1");
  sandbox.set_state(cri::SANDBOX_NOTREADY);
  sandbox.mutable_network()->set_ip("10.244.1.7");
  sandbox.mutable_metadata()->set_namespace_("prod");
  PodSandboxStatus sandbox_status = FromCri(sandbox);
  CHECK(sandbox_status.state == SandboxState::kNotReady);
  CHECK(sandbox_status.ip == "10.244.1.7");
  CHECK(sandbox_status.namespace_ == "prod");

  cri::ContainerFilter filter =
      ToCri(ContainerFilter{.sandbox_id = "s1", .state = ContainerState::kRunning,
                            .labels = {{"a", "b"}}});
  CHECK(filter.pod_sandbox_id() == "s1");
  CHECK(filter.state().state() == cri::CONTAINER_RUNNING);
  CHECK(filter.label_selector().at("a") == "b");
  CHECK(!ToCri(ContainerFilter{}).has_state());

  CHECK(SecondsRoundedUp(absl::ZeroDuration()) == 0);
  CHECK(SecondsRoundedUp(absl::Milliseconds(1)) == 1);
  CHECK(SecondsRoundedUp(absl::Seconds(30)) == 30);
  CHECK(SecondsRoundedUp(absl::Milliseconds(30001)) == 31);
  CHECK(NanosFromTime(absl::InfinitePast()) == 0);
  CHECK(NanosFromTime(absl::FromUnixNanos(5)) == 5);
}

TEST_CASE("cri status: gRPC codes become the same absl codes", "[cri]") {
  CHECK(FromGrpcStatus(grpc::Status::OK, "Version").ok());
  absl::Status not_found =
      FromGrpcStatus(grpc::Status(grpc::StatusCode::NOT_FOUND, "container \"x\": not found"),
                     "ContainerStatus");
  CHECK(not_found.code() == absl::StatusCode::kNotFound);
  CHECK(not_found.message() == "CRI ContainerStatus: container \"x\": not found");
  CHECK(FromGrpcStatus(grpc::Status(grpc::StatusCode::UNAVAILABLE, "down"), "x").code() ==
        absl::StatusCode::kUnavailable);
  CHECK(FromGrpcStatus(grpc::Status(grpc::StatusCode::DEADLINE_EXCEEDED, ""), "x").code() ==
        absl::StatusCode::kDeadlineExceeded);
  CHECK(FromGrpcStatus(grpc::Status(grpc::StatusCode::UNIMPLEMENTED, ""), "x").code() ==
        absl::StatusCode::kUnimplemented);
}

}  // namespace
}  // namespace kube::kubelet::remote
