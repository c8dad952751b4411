#pragma once

#include "absl/status/status.h"
#include "common/flags/flag_set.h"
#include "scheduler/app/options.h"

namespace kube::scheduler::app {

// Registers kube-scheduler's flags (upstream's names) on `flags`, writing into
// `from_flags`, which must start as DefaultOptions().
void AddFlags(flags::FlagSet& flags, Options& from_flags);

// The options to run with: DefaultOptions(), then --config if given, then every
// flag whose value differs from its default (flags win over the file, as
// upstream's deprecated flags do). Validates the result.
absl::StatusOr<Options> FinishOptions(const Options& from_flags);

}  // namespace kube::scheduler::app
