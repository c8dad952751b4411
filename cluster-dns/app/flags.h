#pragma once

#include "absl/status/status.h"
#include "cluster-dns/app/options.h"
#include "common/flags/flag_set.h"

namespace kube::dns::app {

// What --help says first.
extern const char kDescription[];

// Registers cluster-dns's flags on `flags`, writing into `options`.
void AddFlags(flags::FlagSet& flags, Options& options);

// InvalidArgument naming the flag when a value is out of range or the cluster
// domain is not a valid name.
absl::Status ValidateOptions(const Options& options);

}  // namespace kube::dns::app
