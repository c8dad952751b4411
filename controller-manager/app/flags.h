#pragma once

#include "absl/status/statusor.h"
#include "common/flags/flag_set.h"
#include "controller-manager/app/options.h"

namespace kube::kcm::app {

// Registers kube-controller-manager's flags (upstream's names) on `flags`.
void AddFlags(flags::FlagSet& flags, Options& options);

// Checks the parsed options: durations, ports, --cluster-cidr, that
// --root-ca-file holds a certificate, and that every --controllers entry names a
// known loop (`known`).
absl::StatusOr<Options> FinishOptions(Options options, const std::vector<std::string>& known);

}  // namespace kube::kcm::app
