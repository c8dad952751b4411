#pragma once

// Factories of the rbac.authorization.k8s.io/v1 printers (rbac_printers.cc),
// with upstream's columns; stateless and thread-safe like those of printers.h.

#include <memory>

#include "apiserver/printers/table_printer.h"

namespace kube::apiserver {

// NAME, CREATED AT (RFC 3339, not an age).
std::unique_ptr<TablePrinter> NewRolePrinter();
std::unique_ptr<TablePrinter> NewClusterRolePrinter();
// NAME, ROLE ("ClusterRole/view"), AGE; wide: USERS, GROUPS, SERVICEACCOUNTS
// ("namespace/name").
std::unique_ptr<TablePrinter> NewRoleBindingPrinter();
std::unique_ptr<TablePrinter> NewClusterRoleBindingPrinter();

}  // namespace kube::apiserver
