#pragma once

#include "common/flags/flag_set.h"
#include "kube-proxy/app/options.h"

namespace kube::proxy::app {

// Registers kube-proxy's flags (upstream's names) on `flags`, writing into `options`.
void AddFlags(flags::FlagSet& flags, Options& options);

}  // namespace kube::proxy::app
