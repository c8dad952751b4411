#include "apiserver/reviews/access_reviews.h"

#include "common/util/strings.h"
#include "common/api/errors.h"
#include "common/api/field_error.h"

namespace kube::apiserver::reviews {
namespace {

using k8s::authorization::v1::LocalSubjectAccessReview;
using k8s::authorization::v1::SelfSubjectAccessReview;
using k8s::authorization::v1::SelfSubjectRulesReview;
using k8s::authorization::v1::SubjectAccessReview;
using k8s::authorization::v1::SubjectAccessReviewStatus;

constexpr char kGroup[] = "authorization.k8s.io";

// upstream's ValidateSubjectAccessReviewSpec / ValidateSelfSubjectAccessReviewSpec:
// exactly one kind of attributes.
template <typename Spec>
api::FieldErrors ValidateAttributes(const Spec& spec) {
  api::FieldErrors errors;
  if (spec.has_resourceattributes() == spec.has_nonresourceattributes()) {
    errors.push_back(api::Invalid(
        "spec.resourceAttributes", "",
        "exactly one of nonResourceAttributes or resourceAttributes must be specified"));
  }
  return errors;
}

auth::Attributes AttributesOf(const k8s::authorization::v1::ResourceAttributes* resource,
                                       const k8s::authorization::v1::NonResourceAttributes* path) {
  auth::Attributes attributes;
  if (resource != nullptr) {
    attributes.resource_request = true;
    attributes.verb = resource->verb();
    attributes.namespace_ = resource->namespace_();
    attributes.api_group = resource->group();
    attributes.api_version = resource->version();
    attributes.resource = resource->resource();
    attributes.subresource = resource->subresource();
    attributes.name = resource->name();
  } else if (path != nullptr) {
    attributes.verb = path->verb();
    attributes.path = path->path();
  }
  return attributes;
}

template <typename Spec>
auth::Attributes AttributesOf(const Spec& spec) {
  return AttributesOf(spec.has_resourceattributes() ? &spec.resourceattributes() : nullptr,
                      spec.has_nonresourceattributes() ? &spec.nonresourceattributes() : nullptr);
}

SubjectAccessReviewStatus Decide(const auth::Authorizer& authorizer,
                                 auth::Attributes attributes,
                                 const auth::UserInfo& user) {
  attributes.user = &user;
  std::string reason;
  absl::StatusOr<auth::Decision> decision = authorizer.Authorize(attributes, &reason);
  SubjectAccessReviewStatus status;
  if (!decision.ok()) {
    status.set_allowed(false);
    status.set_evaluationerror(std::string(decision.status().message()));
    return status;
  }
  status.set_allowed(*decision == auth::Decision::kAllow);
  if (*decision == auth::Decision::kDeny) status.set_denied(true);
  if (!reason.empty()) status.set_reason(reason);
  return status;
}

auth::UserInfo SubjectOf(const k8s::authorization::v1::SubjectAccessReviewSpec& spec) {
  auth::UserInfo user;
  user.name = spec.user();
  user.uid = spec.uid();
  user.groups.assign(spec.groups().begin(), spec.groups().end());
  for (const auto& [key, values] : spec.extra()) {
    user.extra[key].assign(values.items().begin(), values.items().end());
  }
  return user;
}

}  // namespace

absl::StatusOr<std::unique_ptr<SubjectAccessReview>> ReviewSubjectAccess(
    const auth::Authorizer& authorizer, const SubjectAccessReview& review) {
  api::FieldErrors errors = ValidateAttributes(review.spec());
  if (review.spec().user().empty() && review.spec().groups().empty()) {
    errors.push_back(api::Invalid("spec.user", "", "at least one of user or group must be specified"));
  }
  if (!errors.empty()) {
    return api::InvalidError(kGroup, "SubjectAccessReview", review.metadata().name(), errors);
  }
  auto answer = std::make_unique<SubjectAccessReview>(review);
  *answer->mutable_status() = Decide(authorizer, AttributesOf(review.spec()), SubjectOf(review.spec()));
  return answer;
}

absl::StatusOr<std::unique_ptr<LocalSubjectAccessReview>> ReviewLocalSubjectAccess(
    const auth::Authorizer& authorizer, std::string_view ns,
    const LocalSubjectAccessReview& review) {
  api::FieldErrors errors = ValidateAttributes(review.spec());
  if (review.spec().has_nonresourceattributes()) {
    errors.push_back(api::Invalid("spec.nonResourceAttributes", "",
                                  "disallowed on this kind of request"));
  }
  if (review.spec().user().empty() && review.spec().groups().empty()) {
    errors.push_back(api::Invalid("spec.user", "", "at least one of user or group must be specified"));
  }
  if (!errors.empty()) {
    return api::InvalidError(kGroup, "LocalSubjectAccessReview", review.metadata().name(), errors);
  }
  if (!review.metadata().namespace_().empty() && review.metadata().namespace_() != ns) {
    return api::BadRequestError("the namespace of the provided object does not match the "
                                "namespace sent on the request");
  }
  if (review.spec().resourceattributes().namespace_() != ns) {
    return api::BadRequestError(StrCat(
        "spec.resourceAttributes.namespace must match namespace: ", ns));
  }
  auto answer = std::make_unique<LocalSubjectAccessReview>(review);
  answer->mutable_metadata()->set_namespace_(std::string(ns));
  *answer->mutable_status() = Decide(authorizer, AttributesOf(review.spec()), SubjectOf(review.spec()));
  return answer;
}

absl::StatusOr<std::unique_ptr<SelfSubjectAccessReview>> ReviewSelfSubjectAccess(
    const auth::Authorizer& authorizer, const auth::UserInfo& requester,
    const SelfSubjectAccessReview& review) {
  api::FieldErrors errors = ValidateAttributes(review.spec());
  if (!errors.empty()) {
    return api::InvalidError(kGroup, "SelfSubjectAccessReview", review.metadata().name(), errors);
  }
  auto answer = std::make_unique<SelfSubjectAccessReview>(review);
  *answer->mutable_status() = Decide(authorizer, AttributesOf(review.spec()), requester);
  return answer;
}

absl::StatusOr<std::unique_ptr<SelfSubjectRulesReview>> ReviewSelfSubjectRules(
    const rbac::RbacAuthorizer* rbac, const auth::UserInfo& requester,
    const SelfSubjectRulesReview& review) {
  if (review.spec().namespace_().empty()) {
    return api::BadRequestError("no namespace on request");
  }
  auto answer = std::make_unique<SelfSubjectRulesReview>(review);
  auto* status = answer->mutable_status();
  if (requester.InGroup(auth::kSystemMasters)) {
    // The privileged group's authorizer lists everything, as upstream's does.
    auto* everything = status->add_resourcerules();
    everything->add_verbs("*");
    everything->add_apigroups("*");
    everything->add_resources("*");
    auto* paths = status->add_nonresourcerules();
    paths->add_verbs("*");
    paths->add_nonresourceurls("*");
  }
  if (rbac == nullptr) {
    status->set_incomplete(true);
    return answer;
  }
  rbac::SubjectRules rules = rbac->RulesFor(requester, review.spec().namespace_());
  for (auto& rule : rules.resource_rules) *status->add_resourcerules() = std::move(rule);
  for (auto& rule : rules.non_resource_rules) *status->add_nonresourcerules() = std::move(rule);
  if (!rules.evaluation_error.empty()) {
    status->set_incomplete(true);
    status->set_evaluationerror(rules.evaluation_error);
  }
  return answer;
}

}  // namespace kube::apiserver::reviews
