#include "apiserver/tokenrequest/token_request_handler.h"

#include "absl/time/clock.h"
#include "apiserver/serviceaccount/token_id.h"
#include "common/api/errors.h"

namespace kube::apiserver {
namespace {

using k8s::authentication::v1::TokenRequest;

serviceaccount::TokenRequestSpec SpecOf(const TokenRequest& request) {
  serviceaccount::TokenRequestSpec spec;
  const auto& posted = request.spec();
  spec.audiences.assign(posted.audiences().begin(), posted.audiences().end());
  if (posted.has_expirationseconds()) spec.expiration_seconds = posted.expirationseconds();
  if (posted.has_boundobjectref()) {
    const auto& ref = posted.boundobjectref();
    spec.bound_object_ref = serviceaccount::BoundObjectReference{ref.kind(), ref.apiversion(),
                                                                 ref.name(), ref.uid()};
  }
  return spec;
}

// The spec as the answer echoes it (defaulted, expiration capped).
void WriteSpec(const serviceaccount::TokenRequestSpec& spec, TokenRequest& out) {
  auto* written = out.mutable_spec();
  written->clear_audiences();
  for (const std::string& audience : spec.audiences) written->add_audiences(audience);
  if (spec.expiration_seconds) written->set_expirationseconds(*spec.expiration_seconds);
  if (spec.bound_object_ref) {
    auto* ref = written->mutable_boundobjectref();
    ref->set_kind(spec.bound_object_ref->kind);
    ref->set_apiversion(spec.bound_object_ref->api_version);
    ref->set_name(spec.bound_object_ref->name);
    if (!spec.bound_object_ref->uid.empty()) ref->set_uid(spec.bound_object_ref->uid);
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<TokenRequest>> TokenRequestHandler::Create(
    std::string_view ns, std::string_view name, const TokenRequest& request) const {
  serviceaccount::TokenRequestSpec defaulted =
      serviceaccount::DefaultTokenRequestSpec(SpecOf(request), policy_);
  std::vector<serviceaccount::SpecViolation> violations =
      serviceaccount::ValidateTokenRequestSpec(defaulted);
  if (!violations.empty()) {
    api::FieldErrors errors;
    for (const serviceaccount::SpecViolation& violation : violations) {
      errors.push_back(
          api::Invalid(violation.field, std::to_string(violation.value), violation.detail));
    }
    return api::InvalidError("authentication.k8s.io", "TokenRequest", "", errors);
  }
  absl::StatusOr<std::string> jti = serviceaccount::NewTokenId();
  if (!jti.ok()) return jti.status();
  absl::StatusOr<serviceaccount::PlannedToken> planned = serviceaccount::PlanTokenRequest(
      ns, name, SpecOf(request), policy_, lookup_, absl::Now(), *jti);
  if (!planned.ok()) {
    if (absl::IsNotFound(planned.status()) && planned.status().message().find("serviceaccounts") == 0) {
      return api::NotFoundError("serviceaccounts", name);
    }
    if (absl::IsInvalidArgument(planned.status())) {
      return api::BadRequestError(std::string(planned.status().message()));
    }
    return planned.status();
  }
  absl::StatusOr<std::string> token = generator_->Generate(planned->claims);
  if (!token.ok()) return token.status();
  auto answer = std::make_unique<TokenRequest>(request);
  answer->mutable_metadata()->set_name(std::string(name));
  answer->mutable_metadata()->set_namespace_(std::string(ns));
  WriteSpec(planned->spec, *answer);
  answer->mutable_status()->set_token(*token);
  answer->mutable_status()->mutable_expirationtimestamp()->set_seconds(
      absl::ToUnixSeconds(planned->expiration_timestamp));
  return answer;
}

}  // namespace kube::apiserver
