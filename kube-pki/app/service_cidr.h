#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace kube::pki::app {

// The first address of each CIDR in `service_cidrs` (comma-separated, as
// --service-cluster-ip-range takes them, e.g. "10.96.0.0/16,fd00::/108"): the
// ClusterIP of Service "kubernetes", which in-cluster clients dial, so it must be a
// SAN of the apiserver's certificate. "10.96.0.0/16" gives "10.96.0.1".
// InvalidArgument for a malformed CIDR or one with no room for that address.
absl::StatusOr<std::vector<std::string>> FirstServiceAddresses(std::string_view service_cidrs);

}  // namespace kube::pki::app
