// The Node table: STATUS from the Ready condition and cordoning, ROLES from labels.

#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "apiserver/printers/printer_util.h"
#include "apiserver/printers/printers.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver {
namespace {

using namespace printer_internal;
using k8s::core::v1::Node;

constexpr char kNodeRolePrefix[] = "node-role.kubernetes.io/";  // node-role.kubernetes.io/<role>
constexpr char kNodeRoleLabel[] = "kubernetes.io/role";         // kubernetes.io/role=<role>

// "Ready", "NotReady" or "Unknown", then ",SchedulingDisabled" when cordoned.
std::string NodeStatus(const Node& node) {
  std::vector<std::string> status;
  // Upstream keeps the last condition of each type.
  const k8s::core::v1::NodeCondition* ready = nullptr;
  for (const auto& condition : node.status().conditions()) {
    if (condition.type() == "Ready") ready = &condition;
  }
  if (ready != nullptr) {
    status.push_back(ready->status() == "True" ? "Ready" : "NotReady");
  } else {
    status.push_back("Unknown");
  }
  if (node.spec().unschedulable()) status.push_back("SchedulingDisabled");
  return absl::StrJoin(status, ",");
}

std::string NodeRoles(const Node& node) {
  std::set<std::string> roles;
  for (const auto& [key, value] : node.metadata().labels()) {
    if (absl::StartsWith(key, kNodeRolePrefix)) {
      std::string role = key.substr(sizeof(kNodeRolePrefix) - 1);
      if (!role.empty()) roles.insert(role);
    } else if (key == kNodeRoleLabel && !value.empty()) {
      roles.insert(value);
    }
  }
  return roles.empty() ? "<none>" : absl::StrJoin(roles, ",");
}

// The first address of the type, or "<none>".
std::string NodeAddress(const Node& node, const std::string& type) {
  for (const auto& address : node.status().addresses()) {
    if (address.type() == type) return address.address();
  }
  return "<none>";
}

std::string OrUnknown(const std::string& text) { return text.empty() ? "<unknown>" : text; }

std::vector<TableCell> NodeRow(const Node& node, absl::Time now) {
  const auto& info = node.status().nodeinfo();
  return {node.metadata().name(),
          NodeStatus(node),
          NodeRoles(node),
          Age(node.metadata(), now),
          info.kubeletversion(),
          NodeAddress(node, "InternalIP"),
          NodeAddress(node, "ExternalIP"),
          OrUnknown(info.osimage()),
          OrUnknown(info.kernelversion()),
          OrUnknown(info.containerruntimeversion())};
}

}  // namespace

std::unique_ptr<TablePrinter> NewNodePrinter() {
  return MakePrinter<Node>(
      {
          NameColumn(),
          Column("Status", "string", "The status of the node"),
          Column("Roles", "string", "The roles of the node"),
          AgeColumn(),
          Column("Version", "string", "Kubelet Version reported by the node."),
          Column("Internal-IP", "string", "The node's internal IP address.", 1),
          Column("External-IP", "string", "The node's external IP address.", 1),
          Column("OS-Image", "string", "OS Image reported by the node.", 1),
          Column("Kernel-Version", "string", "Kernel Version reported by the node.", 1),
          Column("Container-Runtime", "string", "ContainerRuntime Version reported by the node.",
                 1),
      },
      NodeRow);
}

}  // namespace kube::apiserver
