#include "kubelet/qos/qos.h"

#include <catch2/catch.hpp>

namespace kube::kubelet {
namespace {

k8s::core::v1::Container WithResources(std::map<std::string, std::string> requests,
                                       std::map<std::string, std::string> limits) {
  k8s::core::v1::Container container;
  container.set_name("c");
  for (const auto& [name, value] : requests) {
    (*container.mutable_resources()->mutable_requests())[name].set_string(value);
  }
  for (const auto& [name, value] : limits) {
    (*container.mutable_resources()->mutable_limits())[name].set_string(value);
  }
  return container;
}

k8s::core::v1::PodSpec Spec(std::vector<k8s::core::v1::Container> containers) {
  k8s::core::v1::PodSpec spec;
  for (auto& c : containers) *spec.add_containers() = c;
  return spec;
}

TEST_CASE("QoS classes follow upstream's rules") {
  CHECK(ComputeQos(Spec({WithResources({}, {})})) == QosClass::kBestEffort);
  CHECK(ComputeQos(Spec({WithResources({{"ephemeral-storage", "1Gi"}}, {})})) ==
        QosClass::kBestEffort);
  CHECK(ComputeQos(Spec({WithResources({{"cpu", "100m"}}, {})})) == QosClass::kBurstable);
  CHECK(ComputeQos(Spec({WithResources({{"cpu", "1"}, {"memory", "1Gi"}},
                                       {{"cpu", "1"}, {"memory", "1Gi"}})})) ==
        QosClass::kGuaranteed);
  // Equal values in different spellings are equal.
  CHECK(ComputeQos(Spec({WithResources({{"cpu", "1000m"}, {"memory", "1024Mi"}},
                                       {{"cpu", "1"}, {"memory", "1Gi"}})})) ==
        QosClass::kGuaranteed);
  CHECK(ComputeQos(Spec({WithResources({{"cpu", "500m"}, {"memory", "1Gi"}},
                                       {{"cpu", "1"}, {"memory", "1Gi"}})})) ==
        QosClass::kBurstable);
  // One container without limits makes the pod burstable.
  CHECK(ComputeQos(Spec(
            {WithResources({{"cpu", "1"}, {"memory", "1Gi"}}, {{"cpu", "1"}, {"memory", "1Gi"}}),
             WithResources({{"cpu", "1"}}, {})})) == QosClass::kBurstable);
  k8s::core::v1::Pod pod;
  pod.mutable_status()->set_qosclass("Burstable");
  CHECK(QosOf(pod) == QosClass::kBurstable);
  CHECK(QosClassName(QosClass::kBestEffort) == "BestEffort");
}

TEST_CASE("each class has its cgroup parent") {
  CHECK(PodCgroupParent(QosClass::kGuaranteed, "u1") == "/kubepods/podu1");
  CHECK(PodCgroupParent(QosClass::kBurstable, "u1") == "/kubepods/burstable/podu1");
  CHECK(PodCgroupParent(QosClass::kBestEffort, "u1") == "/kubepods/besteffort/podu1");
  // --cgroup-root puts the whole hierarchy under one node-private cgroup.
  CHECK(PodCgroupParent(QosClass::kBurstable, "u1", "/node-a/") ==
        "/node-a/kubepods/burstable/podu1");
  CHECK(PodCgroupParent(QosClass::kGuaranteed, "u1", "node-b") == "/node-b/kubepods/podu1");
  CHECK(PodCgroupParent(QosClass::kBestEffort, "u1", "/") == "/kubepods/besteffort/podu1");
}

TEST_CASE("container resources become shares, quota and memory limit") {
  LinuxResources none = ContainerLinuxResources(WithResources({}, {}));
  CHECK(none.cpu_shares == 2);
  CHECK(none.cpu_quota == 0);
  CHECK(none.cpu_period == 0);
  CHECK(none.memory_limit_bytes == 0);

  LinuxResources some = ContainerLinuxResources(
      WithResources({{"cpu", "250m"}}, {{"cpu", "500m"}, {"memory", "128Mi"}}));
  CHECK(some.cpu_shares == 256);
  CHECK(some.cpu_period == 100000);
  CHECK(some.cpu_quota == 50000);
  CHECK(some.memory_limit_bytes == 128 * 1024 * 1024);

  CHECK(ContainerLinuxResources(WithResources({{"cpu", "1m"}}, {{"cpu", "1m"}})).cpu_shares == 2);
  CHECK(ContainerLinuxResources(WithResources({{"cpu", "1m"}}, {{"cpu", "1m"}})).cpu_quota == 1000);
  // A limit alone stands in for the request.
  CHECK(ContainerLinuxResources(WithResources({}, {{"cpu", "2"}})).cpu_shares == 2048);
}

}  // namespace
}  // namespace kube::kubelet
