#pragma once

#include "absl/status/statusor.h"
#include "k8s/core/v1/core.pb.h"
#include "kubelet/token/token_manager.h"
#include "kubelet/volumes/projection.h"

namespace kube::kubelet {

// Upstream's API default of serviceAccountToken.expirationSeconds.
inline constexpr int64_t kDefaultTokenExpirationSeconds = 3600;

// The file of a projected serviceAccountToken source: a token of the pod's service
// account, bound to the pod, for the source's audience (none: the API server's
// own) and lifetime, at the source's path with `mode`. `tokens` caches it and
// decides when it is requested again.
absl::StatusOr<Projection> ProjectServiceAccountToken(
    const k8s::core::v1::Pod& pod, const k8s::core::v1::ServiceAccountTokenProjection& source,
    int mode, TokenManager& tokens);

}  // namespace kube::kubelet
