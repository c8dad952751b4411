#include "controller-manager/daemonset/node_eligibility.h"

#include <catch2/catch.hpp>

namespace kube::kcm::daemonset {

TEST_CASE("ShouldRunOn: node selector and taints", "[daemonset]") {
  k8s::core::v1::Node node;
  (*node.mutable_metadata()->mutable_labels())["disk"] = "ssd";
  k8s::core::v1::PodSpec spec;
  CHECK(ShouldRunOn(spec, node));
  (*spec.mutable_nodeselector())["disk"] = "hdd";
  CHECK_FALSE(ShouldRunOn(spec, node));
  (*spec.mutable_nodeselector())["disk"] = "ssd";
  CHECK(ShouldRunOn(spec, node));

  // The node's own conditions never keep its daemons off.
  auto* unreachable = node.mutable_spec()->add_taints();
  unreachable->set_key("node.kubernetes.io/unreachable");
  unreachable->set_effect("NoExecute");
  CHECK(ShouldRunOn(spec, node));
  // Other taints need a toleration.
  auto* dedicated = node.mutable_spec()->add_taints();
  dedicated->set_key("dedicated");
  dedicated->set_value("gpu");
  dedicated->set_effect("NoSchedule");
  CHECK_FALSE(ShouldRunOn(spec, node));
  auto* toleration = spec.add_tolerations();
  toleration->set_key("dedicated");
  toleration->set_operator_("Exists");
  CHECK(ShouldRunOn(spec, node));
}

TEST_CASE("AddDaemonTolerations adds each default once", "[daemonset]") {
  k8s::core::v1::PodSpec spec;
  AddDaemonTolerations(spec);
  const int count = spec.tolerations_size();
  CHECK(count == 6);
  AddDaemonTolerations(spec);
  CHECK(spec.tolerations_size() == count);
}

}  // namespace kube::kcm::daemonset
