#pragma once

#include <memory>
#include <string>
#include <vector>

#include "kube-proxy/runner/runner.h"

namespace kube::proxy::runner {

// A Runner that forks and execs the real commands. Every command line is
// `prefix` followed by the argv given to Run(), so a prefix of
// {"nsenter", "--net=/run/netns/NAME"} programs that namespace instead of the
// process's own.
std::unique_ptr<Runner> NewExecRunner(std::vector<std::string> prefix = {});

}  // namespace kube::proxy::runner
