#pragma once

#include <memory>
#include <string_view>

#include "absl/status/statusor.h"
#include "apiserver/serviceaccount/service_account_lookup.h"
#include "apiserver/serviceaccount/token_generator.h"
#include "apiserver/serviceaccount/token_request.h"
#include "common/auth/user_info.h"
#include "k8s/authentication/v1/authentication.pb.h"

namespace kube::apiserver {

// Answers POST serviceaccounts/NAME/token as upstream's TokenREST: the request's
// spec is defaulted and validated (422 naming the field), the account and any bound
// object looked up (404, 409 on a stale uid), and a token signed for them; the
// answer echoes the defaulted spec with status.token and expirationTimestamp.
// Immutable and thread-safe.
class TokenRequestHandler {
 public:
  TokenRequestHandler(std::unique_ptr<serviceaccount::TokenGenerator> generator,
                      serviceaccount::TokenRequestPolicy policy,
                      const serviceaccount::ServiceAccountLookup& lookup)
      : generator_(std::move(generator)), policy_(std::move(policy)), lookup_(lookup) {}

  absl::StatusOr<std::unique_ptr<k8s::authentication::v1::TokenRequest>> Create(
      std::string_view ns, std::string_view name,
      const k8s::authentication::v1::TokenRequest& request) const;

 private:
  const std::unique_ptr<serviceaccount::TokenGenerator> generator_;
  const serviceaccount::TokenRequestPolicy policy_;
  const serviceaccount::ServiceAccountLookup& lookup_;
};

}  // namespace kube::apiserver
