#include "kubelet/container/runtime_pod.h"

#include <catch2/catch.hpp>

#include "kubelet/container/labels.h"

namespace kube::kubelet {
namespace {

ContainerStatus Container(const std::string& id, const std::string& uid, const std::string& name,
                          uint32_t attempt) {
  ContainerStatus status;
  status.id = id;
  status.attempt = attempt;
  status.labels = {{kPodUidLabel, uid}, {kContainerNameLabel, name}, {kPodNameLabel, "p"}};
  status.annotations = {{kRestartCountAnnotation, std::to_string(attempt)}};
  return status;
}

TEST_CASE("runtime objects are grouped by pod uid, newest first") {
  PodSandboxStatus sandbox;
  sandbox.id = "s1";
  sandbox.labels = {{kPodUidLabel, "u1"}, {kPodNameLabel, "p"}, {kPodNamespaceLabel, "ns"}};
  PodSandboxStatus foreign;
  foreign.id = "other";
  std::map<std::string, RuntimePod> pods = GroupRuntimePods(
      {sandbox, foreign}, {Container("c0", "u1", "app", 0), Container("c2", "u1", "app", 2),
                           Container("c1", "u1", "app", 1), Container("x", "u2", "db", 0)});
  REQUIRE(pods.size() == 2);
  const RuntimePod& pod = pods["u1"];
  CHECK(pod.name == "p");
  CHECK(pod.namespace_ == "ns");
  REQUIRE(pod.LatestSandbox() != nullptr);
  CHECK(pod.LatestSandbox()->id == "s1");
  CHECK(pod.Latest("app")->id == "c2");
  CHECK(pod.Previous("app")->id == "c1");
  CHECK(pod.Latest("db") == nullptr);
  CHECK(pods["u2"].Latest("db")->id == "x");
}

TEST_CASE("the container hash follows the spec") {
  k8s::core::v1::Container a;
  a.set_name("app");
  a.set_image("busybox");
  k8s::core::v1::Container b = a;
  CHECK(ContainerHash(a) == ContainerHash(b));
  b.set_image("busybox:2");
  CHECK(ContainerHash(a) != ContainerHash(b));
  CHECK(RestartCountOf({{kRestartCountAnnotation, "7"}}) == 7);
  CHECK(RestartCountOf({}) == 0);
  CHECK(GracePeriodOf({}) == 30);
}

}  // namespace
}  // namespace kube::kubelet
