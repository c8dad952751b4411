#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "kubelet/runtime/runtime.h"

namespace kube::kubelet {

// /metrics in the Prometheus text format (version 0.0.4): a few gauges computed
// at each scrape from the runtime, the machine and this process, with upstream's
// names where upstream has the metric.
absl::StatusOr<std::string> PrometheusMetrics(Runtime& runtime, const std::string& node_name,
                                              const std::string& root_dir,
                                              absl::Time process_start);

}  // namespace kube::kubelet
