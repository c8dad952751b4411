#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "controller-manager/controller/context.h"
#include "controller-manager/controller/interface.h"

namespace kube::kcm::app {

// How to build one loop. A factory may return nullptr when its settings leave it
// nothing to do (nodeipam without --cluster-cidr), as upstream skips such loops.
struct ControllerEntry {
  std::string name;  // the --controllers name, upstream's
  // The ServiceAccount (kube-system) it runs as with
  // --use-service-account-credentials, bound to system:controller:<it>.
  std::string service_account;
  bool disabled_by_default = false;
  std::function<absl::StatusOr<std::unique_ptr<ControllerInterface>>(ControllerContext&)> create;
};

// Every loop kube-controller-manager knows, in start order. The one place a new
// controller is registered.
const std::vector<ControllerEntry>& ControllerRegistry();

// Their names, for --controllers validation and --help.
std::vector<std::string> KnownControllers();

}  // namespace kube::kcm::app
