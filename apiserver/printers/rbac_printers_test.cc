#include "apiserver/printers/rbac_printers.h"

#include <catch2/catch.hpp>

#include "apiserver/printers/printer_testing.h"
#include "k8s/rbac/v1/rbac.pb.h"

namespace kube::apiserver {
namespace {

using testing::Ago;
using testing::CellOf;
using testing::kNow;
using testing::Parse;

TEST_CASE("Roles print their creation time", "[printers][rbac]") {
  const auto printer = NewClusterRolePrinter();
  const auto columns = printer->Columns();
  REQUIRE(columns.size() == 2);
  CHECK(columns[1].name == "Created At");
  CHECK(columns[1].type == "date");
  const auto row = printer->Row(
      Parse<k8s::rbac::v1::ClusterRole>(
          "metadata { name: 'admin' creationTimestamp { seconds: 1700000000 } }"),
      kNow);
  CHECK(CellOf(*printer, row, "Name") == "admin");
  CHECK(CellOf(*printer, row, "Created At") == "2023-11-14T22:13:20Z");

  const auto role_printer = NewRolePrinter();
  const auto role_row = role_printer->Row(Parse<k8s::rbac::v1::Role>("metadata { name: 'r' }"), kNow);
  CHECK(CellOf(*role_printer, role_row, "Created At") == "0001-01-01T00:00:00Z");
}

TEST_CASE("Bindings print their role and, wide, their subjects", "[printers][rbac]") {
  const auto printer = NewRoleBindingPrinter();
  const auto columns = printer->Columns();
  REQUIRE(columns.size() == 6);
  CHECK(columns[2].name == "Age");
  CHECK(columns[3].priority == 1);
  CHECK(columns[5].name == "ServiceAccounts");
  const auto row = printer->Row(
      Parse<k8s::rbac::v1::RoleBinding>(
          "metadata { name: 'b' creationTimestamp " + Ago(90) +
          " } roleRef { kind: 'ClusterRole' name: 'view' } "
          "subjects { kind: 'User' name: 'alice' } subjects { kind: 'Group' name: 'devs' } "
          "subjects { kind: 'User' name: 'bob' } "
          "subjects { kind: 'ServiceAccount' namespace: 'kube-system' name: 'default' } "
          "subjects { kind: 'ServiceAccount' name: 'local' }"),
      kNow);
  CHECK(CellOf(*printer, row, "Role") == "ClusterRole/view");
  CHECK(CellOf(*printer, row, "Age") == "90s");
  CHECK(CellOf(*printer, row, "Users") == "alice, bob");
  CHECK(CellOf(*printer, row, "Groups") == "devs");
  CHECK(CellOf(*printer, row, "ServiceAccounts") == "kube-system/default, /local");

  const auto cluster = NewClusterRoleBindingPrinter();
  const auto cluster_row = cluster->Row(
      Parse<k8s::rbac::v1::ClusterRoleBinding>(
          "metadata { name: 'system:node' } roleRef { kind: 'ClusterRole' name: 'system:node' }"),
      kNow);
  CHECK(CellOf(*cluster, cluster_row, "Role") == "ClusterRole/system:node");
  CHECK(CellOf(*cluster, cluster_row, "Users").empty());
}

}  // namespace
}  // namespace kube::apiserver
