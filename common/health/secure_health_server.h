#pragma once

#include <memory>

#include "absl/status/statusor.h"
#include "common/client/transport.h"
#include "common/health/health_server.h"
#include "common/health/secure_serving_options.h"

namespace kube::health {

// A component's secure port as `options` say (not yet started: Start it on
// options.bind_address and options.secure_port): HTTPS with the given or a
// self-signed certificate, client certificates from --client-ca-file, bearer
// tokens reviewed and every path but the always-allowed ones authorized by the
// apiserver. Reviews go through `transport` (the component's own client, from its
// --kubeconfig) unless --authentication-kubeconfig / --authorization-kubeconfig name
// another. InvalidArgument naming the flag for unusable files or options.
absl::StatusOr<std::unique_ptr<HealthServer>> NewSecureHealthServer(
    HealthChecks checks, const SecureServingOptions& options,
    std::shared_ptr<client::Transport> transport);

}  // namespace kube::health
