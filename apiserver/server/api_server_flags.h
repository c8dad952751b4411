#pragma once

#include "apiserver/server/api_server_options.h"
#include "common/flags/flag_set.h"

namespace kube::apiserver {

// Registers kube-apiserver's flags (upstream names and meanings) on `flags`,
// writing into `options`.
void AddApiServerFlags(flags::FlagSet& flags, ApiServerOptions& options);

}  // namespace kube::apiserver
