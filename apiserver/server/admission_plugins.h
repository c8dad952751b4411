#pragma once

#include <set>
#include <string>

#include "absl/status/statusor.h"
#include "apiserver/server/api_server_options.h"

namespace kube::apiserver {

// The admission plugins to run: the default ones (ServiceAccount) plus
// --enable-admission-plugins, minus --disable-admission-plugins. An unknown name
// is InvalidArgument listing the known ones.
absl::StatusOr<std::set<std::string>> EnabledAdmissionPlugins(const ApiServerOptions& options);

}  // namespace kube::apiserver
