// Pods on real containerd, end to end (root only; SKIPPED with a reason otherwise):
// the talk's counter pod created with kubectl reaches Running with a pod IP and
// writes its lines; two pods talk over their pod IPs; an image is pulled from a
// registry.
#include <catch2/catch.hpp>
#include <filesystem>

#include "absl/strings/match.h"
#include "common/util/strings.h"
#include "tests/support/apiserver_process.h"
#include "tests/support/real_cluster.h"
#include "tests/support/eventually.h"
#include "tests/integration/real_test_helpers.h"

namespace kube::testing {
namespace {

using k8s::core::v1::Pod;

constexpr char kPodIpPrefix[] = "10.88.0.";  // RealClusterOptions' default pod CIDR

TEST_CASE("the counter pod runs on containerd with a pod IP", "[real]") {
  REQUIRE_REAL_CLUSTER_PREREQUISITES();
  if (!Kubectl::Available()) {
    WARN("SKIPPED: /usr/bin/kubectl is not installed");
    return;
  }
  std::unique_ptr<RealCluster> cluster = StartRealCluster();

  CommandResult ns = cluster->Kubectl({"create", "namespace", "demo"});
  INFO(ns.out << ns.err);
  REQUIRE(ns.exit_code == 0);
  // `image: busybox` (pull policy Always) comes through the node's docker.io mirror.
  CommandResult created = cluster->Kubectl(
      {"create", "-f", SourceDir() + "/deploy/examples/counter-pod.yaml"});
  INFO(created.out << created.err);
  REQUIRE(created.exit_code == 0);

  std::unique_ptr<Pod> pod = cluster->WaitForPod("counter", PodRunning, absl::Seconds(60), "demo");
  REQUIRE(pod != nullptr);
  CHECK(absl::StartsWith(pod->status().podip(), kPodIpPrefix));
  REQUIRE(pod->status().podips_size() == 1);
  CHECK(pod->status().podips(0).ip() == pod->status().podip());
  CHECK(pod->status().hostip() == "10.88.0.1");
  CHECK(pod->status().qosclass() == "BestEffort");
  const auto* count = ContainerStatusOf(*pod, "count");
  REQUIRE(count != nullptr);
  CHECK(count->ready());
  CHECK(count->restartcount() == 0);
  CHECK(absl::StartsWith(count->containerid(), "containerd://"));
  CHECK(count->state().has_running());
  CHECK_FALSE(count->imageid().empty());

  // It counts: lines "0: <date>", "1: <date>", ... in its CRI log file.
  REQUIRE(Eventually([&] { return absl::StrContains(ContainerLog(*cluster, *pod, "count"),
                                                    " stdout F 2: "); },
                     absl::Seconds(20)));
  std::string log = ContainerLog(*cluster, *pod, "count");
  CHECK_THAT(log, Catch::Contains(" stdout F 0: "));
  CHECK_THAT(log, Catch::Contains(" stdout F 1: "));

  CommandResult get = cluster->Kubectl({"get", "pods", "-n", "demo", "-o", "wide"});
  INFO(get.out << get.err);
  CHECK(get.exit_code == 0);
  CHECK_THAT(get.out, Catch::Contains("Running"));
  CHECK_THAT(get.out, Catch::Contains(pod->status().podip()));
}

TEST_CASE("two pods reach each other by pod IP", "[real]") {
  REQUIRE_REAL_CLUSTER_PREREQUISITES();
  std::unique_ptr<RealCluster> cluster = StartRealCluster();

  Pod server = BusyboxPod("web", "mkdir -p /www && echo hello-from-web >/www/index.html && "
                                 "exec httpd -f -p 8080 -h /www");
  REQUIRE(cluster->client().Create(server).ok());
  std::unique_ptr<Pod> running = cluster->WaitForPod("web", PodRunning);
  REQUIRE(running != nullptr);
  const std::string ip = running->status().podip();
  REQUIRE(absl::StartsWith(ip, kPodIpPrefix));

  // The client retries briefly: httpd may still be binding when its pod is Running.
  // (No wget -T: Debian's busybox-static crashes on it.)
  Pod client = BusyboxPod(
      "fetch",
      StrCat("for i in 1 2 3 4 5 6 7 8 9 10; do wget -q -O - http://", ip,
             ":8080/ && exit 0; sleep 0.5; done; exit 1"),
      "Never");
  REQUIRE(cluster->client().Create(client).ok());
  std::unique_ptr<Pod> fetched = cluster->WaitForPod(
      "fetch", [](const Pod& pod) { return pod.status().phase() == "Succeeded" ||
                                           pod.status().phase() == "Failed"; });
  REQUIRE(fetched != nullptr);
  CHECK(fetched->status().phase() == "Succeeded");
  CHECK(fetched->status().podip() != ip);
  CHECK_THAT(ContainerLog(*cluster, *fetched, "main"), Catch::Contains("hello-from-web"));
}

TEST_CASE("an image is pulled from a registry", "[real]") {
  REQUIRE_REAL_CLUSTER_PREREQUISITES();
  std::unique_ptr<RealCluster> cluster = StartRealCluster();
  const std::string image = StrCat(cluster->registry(), "/kube-test/busybox:pulled");

  // Only the registry has it: containerd must pull it to run the pod.
  CommandResult pushed = cluster->Run(
      {"skopeo", "--insecure-policy", "copy", "--quiet", "--dest-tls-verify=false",
       StrCat("oci-archive:", RealCluster::ImagesDir(), "/busybox.tar:docker.io/library/"
                                                   "busybox:latest"),
       StrCat("docker://", image)});
  INFO(pushed.out << pushed.err);
  REQUIRE(pushed.exit_code == 0);
  CommandResult before = cluster->Run({"ctr", "-a", StrCat(cluster->data_dir(),
                                                           "/containerd/containerd.sock"),
                                       "-n", "k8s.io", "images", "ls", "-q"});
  REQUIRE(before.exit_code == 0);
  CHECK_THAT(before.out, !Catch::Contains(image));

  Pod pod = BusyboxPod("pulled", "echo pulled-and-running; sleep 3600");
  pod.mutable_spec()->mutable_containers(0)->set_image(image);
  pod.mutable_spec()->mutable_containers(0)->set_imagepullpolicy("Always");
  REQUIRE(cluster->client().Create(pod).ok());
  std::unique_ptr<Pod> running = cluster->WaitForPod("pulled", PodRunning);
  REQUIRE(running != nullptr);
  const auto* status = ContainerStatusOf(*running, "main");
  REQUIRE(status != nullptr);
  CHECK(status->image() == image);
  CHECK_THAT(status->imageid(), Catch::Contains("sha256:"));

  CommandResult after = cluster->Run({"ctr", "-a", StrCat(cluster->data_dir(),
                                                          "/containerd/containerd.sock"),
                                      "-n", "k8s.io", "images", "ls", "-q"});
  CHECK_THAT(after.out, Catch::Contains(image));
}

}  // namespace
}  // namespace kube::testing
