#pragma once

#include <string>
#include <vector>

#include "kube-proxy/proxier/snapshot.h"
#include "kube-proxy/runner/runner.h"

namespace kube::proxy::proxier {

// UDP has no connection for a removed endpoint to fail: its conntrack entries
// would keep DNAT-ing a client's datagrams to the old endpoint until they time
// out. After every sync this deletes the entries the change made stale, as
// upstream does: flows to an endpoint that left a UDP service port, and flows to
// a UDP service that just got its first endpoint (created while it had none).
//
// The `conntrack` argv lists to run for going from `before` to `after`.
std::vector<std::vector<std::string>> StaleConntrackCommands(const Snapshot& before,
                                                             const Snapshot& after);

// Runs them through `runner`. conntrack exits 1 when no entry matched ("0 flow
// entries have been deleted"): that is not an error. Errors are logged, never
// returned: rules are already in place and the entries will time out anyway.
void DeleteStaleConntrack(runner::Runner& runner, const Snapshot& before, const Snapshot& after);

}  // namespace kube::proxy::proxier
