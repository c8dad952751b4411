#pragma once

#include <memory>
#include <string>

#include "absl/time/time.h"
#include "common/auth/authorizer.h"
#include "common/auth/delegating/expiring_cache.h"
#include "common/client/transport.h"

namespace kube::auth {

// Asks the apiserver: each request's user and attributes go out as an
// authorization.k8s.io/v1 SubjectAccessReview (upstream's webhook authorizer as
// delegated authorization uses it). status.allowed is kAllow, status.denied kDeny,
// neither kNoOpinion, with status.reason as the reason. Answers are remembered,
// allowed ones for `allowed_ttl` and the others for `denied_ttl` (upstream:
// --authorization-webhook-cache-authorized-ttl and -unauthorized-ttl, 10 s each);
// a review that fails is an error and is not remembered. Thread-safe.
class SubjectAccessReviewAuthorizer final : public Authorizer {
 public:
  // `transport` reaches the apiserver as an identity allowed to create
  // subjectaccessreviews.
  SubjectAccessReviewAuthorizer(std::shared_ptr<client::Transport> transport,
                                absl::Duration allowed_ttl, absl::Duration denied_ttl);

  // Authorizer
  absl::StatusOr<Decision> Authorize(const Attributes& attributes,
                                     std::string* reason) const override;

 private:
  struct Answer {
    Decision decision = Decision::kNoOpinion;
    std::string reason;
  };

  absl::StatusOr<Answer> Review(const Attributes& attributes) const;

  const std::shared_ptr<client::Transport> transport_;
  const absl::Duration allowed_ttl_;
  const absl::Duration denied_ttl_;
  mutable ExpiringCache<Answer> answers_;  // by the review's spec; thread-safe itself
};

}  // namespace kube::auth
