#include "apiserver/registry/core/node_strategy.h"

#include "apiserver/registry/core/core_test_util.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver::core {
namespace {

using k8s::core::v1::Node;
using testing::Parse;

TEST_CASE("nodes keep their status on create and default allocatable") {
  NodeStrategy strategy;
  Node node = Parse<Node>(R"(metadata { name: "n1" } status {
      capacity { key: "cpu" value { string: "4" } } conditions { type: "Ready" status: "True" } })");
  strategy.Default(node);
  strategy.PrepareForCreate(node);
  CHECK(node.status().conditions_size() == 1);
  CHECK(node.status().allocatable().at("cpu").string() == "4");
  CHECK(strategy.Validate(node).empty());
}

TEST_CASE("node validation") {
  NodeStrategy strategy;
  Node node = Parse<Node>(R"(spec { podCIDRs: "10.244.0.0/33"
      taints { key: "k" effect: "Sometimes" } taints { key: "dup" effect: "NoSchedule" } taints { key: "dup" effect: "NoSchedule" } }
      status { capacity { key: "memory" value { string: "-1Gi" } } })");
  api::FieldErrors errors = strategy.Validate(node);
  CHECK_ERROR(errors, "spec.podCIDRs[0]: Invalid value: \"10.244.0.0/33\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)");
  CHECK_ERROR(errors, "metadata.taints[0].effect: Unsupported value: \"Sometimes\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"");
  CHECK_ERROR(errors, "metadata.taints[2]: Duplicate value: core.Taint{Key:\"dup\", Value:\"\", Effect:\"NoSchedule\", TimeAdded:<nil>}: taints must be unique by key and effect pair");
  CHECK_ERROR(errors, "status.capacity.memory: Invalid value: \"-1Gi\": must be greater than or equal to 0");
}

TEST_CASE("pod CIDRs and providerID are fixed once set") {
  NodeStrategy strategy;
  Node old = Parse<Node>(R"(spec { podCIDR: "10.244.1.0/24" podCIDRs: "10.244.1.0/24" providerID: "p1" })");
  Node node = old;
  node.mutable_spec()->set_podcidrs(0, "10.244.2.0/24");
  node.mutable_spec()->set_providerid("p2");
  api::FieldErrors errors = strategy.ValidateUpdate(node, old);
  CHECK_ERROR(errors, "spec.podCIDRs: Forbidden: node updates may not change podCIDR except from \"\" to valid");
  CHECK_ERROR(errors, "spec.providerID: Forbidden: node updates may not change providerID except from \"\" to valid");
  Node fresh = Parse<Node>("spec { }");
  CHECK(strategy.ValidateUpdate(old, fresh).empty());
}

TEST_CASE("node field selector") {
  NodeStrategy strategy;
  CHECK(strategy.SelectableField(Parse<Node>("spec { unschedulable: true }"), "spec.unschedulable") == "true");
  CHECK(strategy.SelectableField(Node::default_instance(), "spec.unschedulable") == "false");
  CHECK(strategy.name_rule() == NameRule::kDnsSubdomain);
}

}  // namespace
}  // namespace kube::apiserver::core
