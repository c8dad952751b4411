#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "kube-proxy/proxier/rule_backend.h"
#include "kube-proxy/runner/runner.h"

namespace kube::proxy::app {

struct BackendConfig {
  std::string cluster_cidr;
  bool masquerade_all = false;
};

// The one place backends are registered: "iptables" or "nftables". `runner` is
// borrowed and must outlive the backend. InvalidArgument for an unknown mode.
absl::StatusOr<std::unique_ptr<proxier::RuleBackend>> NewBackend(const std::string& mode,
                                                                  const BackendConfig& config,
                                                                  runner::Runner& runner);

// The modes there are, for --cleanup (which removes what every mode wrote).
const char* const* BackendModes();

}  // namespace kube::proxy::app
