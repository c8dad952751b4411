// The Role, ClusterRole, RoleBinding and ClusterRoleBinding tables (upstream
// pkg/printers/internalversion printRole, printRoleBinding, ...).

#include "apiserver/printers/rbac_printers.h"

#include <string>
#include <vector>

#include "apiserver/printers/printer_util.h"
#include "common/util/strings.h"
#include "k8s/rbac/v1/rbac.pb.h"

namespace kube::apiserver {
namespace {

using namespace printer_internal;
using k8s::rbac::v1::ClusterRole;
using k8s::rbac::v1::ClusterRoleBinding;
using k8s::rbac::v1::Role;
using k8s::rbac::v1::RoleBinding;

constexpr char kCreatedAtDescription[] =
    "CreationTimestamp is a timestamp representing the server time when this object was "
    "created. It is represented in RFC3339 form and is in UTC.";
constexpr char kRoleRefDescription[] =
    "RoleRef can reference a Role in the current namespace or a ClusterRole in the global "
    "namespace. If the RoleRef cannot be resolved, the Authorizer must return an error.";

// RFC 3339 in UTC; the zero time as Go prints it.
std::string CreatedAtCell(const k8s::meta::v1::ObjectMeta& meta) {
  if (IsZeroTime(meta.creationtimestamp())) return "0001-01-01T00:00:00Z";
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", ToAbslTime(meta.creationtimestamp()),
                          absl::UTCTimeZone());
}

std::vector<TableColumn> RoleColumns() {
  return {NameColumn(), Column("Created At", "date", kCreatedAtDescription)};
}

std::vector<TableColumn> BindingColumns() {
  return {NameColumn(),
          Column("Role", "string", kRoleRefDescription),
          AgeColumn(),
          Column("Users", "string", "Users in the roleBinding", 1),
          Column("Groups", "string", "Groups in the roleBinding", 1),
          Column("ServiceAccounts", "string", "ServiceAccounts in the roleBinding", 1)};
}

template <typename T>
std::vector<TableCell> RoleRow(const T& role, absl::Time) {
  return {role.metadata().name(), CreatedAtCell(role.metadata())};
}

// Upstream's SubjectsStrings: users, groups and "namespace/name" service
// accounts, each joined with ", "; other kinds are not shown.
template <typename T>
std::vector<TableCell> BindingRow(const T& binding, absl::Time now) {
  std::vector<std::string> users, groups, service_accounts;
  for (const auto& subject : binding.subjects()) {
    if (subject.kind() == "ServiceAccount") {
      service_accounts.push_back(StrCat(subject.namespace_(), "/", subject.name()));
    } else if (subject.kind() == "User") {
      users.push_back(subject.name());
    } else if (subject.kind() == "Group") {
      groups.push_back(subject.name());
    }
  }
  return {binding.metadata().name(),
          StrCat(binding.roleref().kind(), "/", binding.roleref().name()),
          Age(binding.metadata(), now),
          StrJoin(users, ", "),
          StrJoin(groups, ", "),
          StrJoin(service_accounts, ", ")};
}

}  // namespace

std::unique_ptr<TablePrinter> NewRolePrinter() {
  return MakePrinter<Role>(RoleColumns(), RoleRow<Role>);
}

std::unique_ptr<TablePrinter> NewClusterRolePrinter() {
  return MakePrinter<ClusterRole>(RoleColumns(), RoleRow<ClusterRole>);
}

std::unique_ptr<TablePrinter> NewRoleBindingPrinter() {
  return MakePrinter<RoleBinding>(BindingColumns(), BindingRow<RoleBinding>);
}

std::unique_ptr<TablePrinter> NewClusterRoleBindingPrinter() {
  return MakePrinter<ClusterRoleBinding>(BindingColumns(), BindingRow<ClusterRoleBinding>);
}

}  // namespace kube::apiserver
