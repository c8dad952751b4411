#pragma once

#include <string_view>

#include "absl/status/status.h"
#include "scheduler/app/options.h"

namespace kube::scheduler::app {

// Applies a KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1, YAML or
// JSON) to `options`. Understood: clientConnection.kubeconfig, leaderElection
// (leaderElect, leaseDuration, renewDeadline, retryPeriod, resourceName,
// resourceNamespace), parallelism, percentageOfNodesToScore, and one profile with
// schedulerName and plugins.filter / plugins.score, each with enabled
// ({name, weight}) and disabled ({name}, "*" for all defaults). Enabled plugins are
// appended to the defaults; an enabled default plugin with a weight changes its
// weight. Other fields are ignored. InvalidArgument on malformed input or more
// than one profile.
absl::Status ApplyConfigFile(std::string_view text, Options& options);

}  // namespace kube::scheduler::app
