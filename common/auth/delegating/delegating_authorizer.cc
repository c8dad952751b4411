#include "common/auth/delegating/delegating_authorizer.h"

#include "common/auth/always_allow.h"
#include "common/auth/forbidden.h"
#include "common/auth/delegating/subject_access_review_authorizer.h"
#include "common/util/strings.h"

namespace kube::auth {

absl::StatusOr<std::unique_ptr<DelegatingAuthorizer>> DelegatingAuthorizer::Create(
    const DelegatingAuthorizationOptions& options, std::shared_ptr<client::Transport> transport) {
  std::vector<std::unique_ptr<Authorizer>> authorizers;
  if (!options.always_allow_groups.empty()) {
    authorizers.push_back(
        std::make_unique<PrivilegedGroupsAuthorizer>(options.always_allow_groups));
  }
  if (!options.always_allow_paths.empty()) {
    absl::StatusOr<std::unique_ptr<AlwaysAllowPathsAuthorizer>> paths =
        AlwaysAllowPathsAuthorizer::Create(options.always_allow_paths);
    if (!paths.ok()) {
      return absl::InvalidArgumentError(
          StrCat("--authorization-always-allow-paths: ", paths.status().message()));
    }
    authorizers.push_back(std::move(*paths));
  }
  if (transport != nullptr) {
    authorizers.push_back(std::make_unique<SubjectAccessReviewAuthorizer>(
        std::move(transport), options.allowed_cache_ttl, options.denied_cache_ttl));
  }
  return std::make_unique<DelegatingAuthorizer>(std::move(authorizers));
}

DelegatingAuthorizer::DelegatingAuthorizer(std::vector<std::unique_ptr<Authorizer>> authorizers)
    : authorizers_(std::move(authorizers)) {}

absl::Status DelegatingAuthorizer::Authorize(const Attributes& attributes) const {
  std::string reason;
  absl::StatusOr<Decision> decision = authorizers_.Authorize(attributes, &reason);
  if (!decision.ok()) return absl::InternalError(decision.status().message());
  if (*decision == Decision::kAllow) return absl::OkStatus();
  return ForbiddenStatus(attributes, reason);
}

}  // namespace kube::auth
