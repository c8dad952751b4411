// Init containers, volumes, environment and host networking on real containers
// (root only; SKIPPED with a reason otherwise): what the kubelet prepares on disk
// must really appear inside the containers through containerd's bind mounts.
#include <catch2/catch.hpp>

#include "absl/strings/match.h"
#include "common/util/strings.h"
#include "tests/support/real_cluster.h"
#include "tests/integration/real_test_helpers.h"

namespace kube::testing {
namespace {

using k8s::core::v1::Pod;

TEST_CASE("init containers and volumes and host network", "[real]") {
  REQUIRE_REAL_CLUSTER_PREREQUISITES();
  auto started = RealCluster::Start();
  INFO((started.ok() ? "" : std::string(started.status().message())));
  REQUIRE(started.ok());
  RealCluster& cluster = **started;

  k8s::core::v1::ConfigMap config;
  config.mutable_metadata()->set_name("settings");
  config.mutable_metadata()->set_namespace_("default");
  (*config.mutable_data())["greeting"] = "hello-from-configmap";
  REQUIRE(cluster.client().Create(config).ok());
  k8s::core::v1::Secret secret;
  secret.mutable_metadata()->set_name("token");
  secret.mutable_metadata()->set_namespace_("default");
  (*secret.mutable_stringdata())["value"] = "s3cret";
  REQUIRE(cluster.client().Create(secret).ok());

  // The init container leaves a file in an emptyDir; the main container prints it,
  // the mounted ConfigMap and Secret, an env var from the downward API and its
  // /etc/hosts.
  Pod pod = BusyboxPod("volumes",
                       "cat /work/from-init; cat /config/greeting; echo; cat /secret/value; echo; "
                       "echo pod-ip=$POD_IP; grep volumes /etc/hosts",
                       "Never");
  auto* spec = pod.mutable_spec();
  auto* init = spec->add_initcontainers();
  init->set_name("prepare");
  init->set_image("busybox:1.35");
  init->add_command("sh");
  init->add_command("-c");
  init->add_command("echo written-by-init >/work/from-init");
  auto* init_mount = init->add_volumemounts();
  init_mount->set_name("work");
  init_mount->set_mountpath("/work");
  auto* main = spec->mutable_containers(0);
  for (auto [name, path] : {std::pair{"work", "/work"}, {"config", "/config"}, {"secret", "/secret"}}) {
    auto* mount = main->add_volumemounts();
    mount->set_name(name);
    mount->set_mountpath(path);
  }
  auto* env = main->add_env();
  env->set_name("POD_IP");
  env->mutable_valuefrom()->mutable_fieldref()->set_fieldpath("status.podIP");
  auto* work = spec->add_volumes();
  work->set_name("work");
  work->mutable_volumesource()->mutable_emptydir();
  auto* config_volume = spec->add_volumes();
  config_volume->set_name("config");
  config_volume->mutable_volumesource()->mutable_configmap()->mutable_localobjectreference()->set_name("settings");
  auto* secret_volume = spec->add_volumes();
  secret_volume->set_name("secret");
  secret_volume->mutable_volumesource()->mutable_secret()->set_secretname("token");
  REQUIRE(cluster.client().Create(pod).ok());

  // A host-network pod: the node's namespace, the node's address.
  Pod host = BusyboxPod("hostnet", "ip addr show; sleep 3600");
  host.mutable_spec()->set_hostnetwork(true);
  REQUIRE(cluster.client().Create(host).ok());

  std::unique_ptr<Pod> done = cluster.WaitForPod("volumes", Terminal);
  REQUIRE(done != nullptr);
  CHECK(done->status().phase() == "Succeeded");
  REQUIRE(done->status().initcontainerstatuses_size() == 1);
  CHECK(done->status().initcontainerstatuses(0).state().terminated().exitcode() == 0);
  const std::string log = ContainerLog(cluster, *done, "main");
  CHECK_THAT(log, Catch::Contains("stdout F written-by-init"));
  CHECK_THAT(log, Catch::Contains("stdout F hello-from-configmap"));
  CHECK_THAT(log, Catch::Contains("stdout F s3cret"));
  CHECK_THAT(log, Catch::Contains(StrCat("stdout F pod-ip=", done->status().podip())));
  CHECK_THAT(log, Catch::Contains(StrCat("stdout F ", done->status().podip())));

  std::unique_ptr<Pod> running = cluster.WaitForPod("hostnet", PodRunning);
  REQUIRE(running != nullptr);
  CHECK(running->status().podip() == running->status().hostip());
  std::string host_log;
  for (int i = 0; i < 50 && !absl::StrContains(host_log, "inet "); ++i) {
    absl::SleepFor(absl::Milliseconds(100));
    host_log = ContainerLog(cluster, *running, "main");
  }
  // It sees the node's bridge and its address.
  CHECK_THAT(host_log, Catch::Contains(StrCat("inet ", running->status().hostip(), "/")));
}

}  // namespace
}  // namespace kube::testing
