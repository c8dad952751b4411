#pragma once

#include <functional>
#include <optional>

#include "common/flags/flag_set.h"

namespace kube::daemon {

// What every daemon's main() does first: parses `argv` into `flags`. Returns the
// exit code when the process should stop here (0 after printing --help or
// --version, 2 after printing a bad flag's error and the usage), nullopt to go on.
std::optional<int> ParseCommandLine(flags::FlagSet& flags, int argc, char** argv);

// Blocks SIGTERM and SIGINT in the calling thread and every thread it starts from
// now on, and ignores SIGPIPE (a peer that went away is an error return, not a
// crash). Call before starting any thread.
void BlockTerminationSignals();

// Starts a detached thread that waits for SIGTERM or SIGINT (blocked by
// BlockTerminationSignals), logs it, and calls `shutdown` once.
void OnTerminationSignal(std::function<void()> shutdown);

}  // namespace kube::daemon
