#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/auth/authorizer.h"
#include "common/auth/union_authorizer.h"
#include "common/client/transport.h"

namespace kube::auth {

// How a component's port authorizes (upstream's DelegatingAuthorizationOptions).
struct DelegatingAuthorizationOptions {
  // --authorization-always-allow-paths: allowed for anyone, anonymous included.
  std::vector<std::string> always_allow_paths = {"/healthz", "/readyz", "/livez"};
  // Allowed everything without a review (upstream's default: system:masters).
  std::vector<std::string> always_allow_groups = {"system:masters"};
  // --authorization-webhook-cache-authorized-ttl / -unauthorized-ttl.
  absl::Duration allowed_cache_ttl = absl::Seconds(10);
  absl::Duration denied_cache_ttl = absl::Seconds(10);

  bool operator==(const DelegatingAuthorizationOptions&) const = default;
};

// Whether a request to a component's port may proceed, as upstream's delegating
// authorizer: members of the always-allowed groups, then the always-allowed paths,
// then a SubjectAccessReview sent to the apiserver. Whatever none allows is
// refused. Thread-safe.
class DelegatingAuthorizer {
 public:
  // `transport` (null: nothing but the always-allowed groups and paths is allowed)
  // reaches the apiserver for SubjectAccessReviews. InvalidArgument for a bad path
  // pattern.
  static absl::StatusOr<std::unique_ptr<DelegatingAuthorizer>> Create(
      const DelegatingAuthorizationOptions& options, std::shared_ptr<client::Transport> transport);
  // From authorizers made elsewhere, asked in order.
  explicit DelegatingAuthorizer(std::vector<std::unique_ptr<Authorizer>> authorizers);

  // OK when allowed; PermissionDenied carrying upstream's 403 Status (forbidden.h)
  // when not; another error (500) when no decision could be reached.
  absl::Status Authorize(const Attributes& attributes) const;

 private:
  const UnionAuthorizer authorizers_;
};

}  // namespace kube::auth
