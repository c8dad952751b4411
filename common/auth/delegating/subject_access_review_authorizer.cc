#include "common/auth/delegating/subject_access_review_authorizer.h"

#include "common/auth/delegating/review_resources.h"
#include "common/util/strings.h"
#include "k8s/authorization/v1/authorization.pb.h"

namespace kube::auth {
namespace {

// Everything the review's spec holds, unambiguously (fields end with a NUL).
std::string ReviewKey(const Attributes& attributes) {
  std::string key;
  auto add = [&key](const std::string& field) { StrAppend(&key, field, '\0'); };
  const UserInfo& user = *attributes.user;
  add(user.name);
  add(user.uid);
  add(StrCat(user.groups.size()));
  for (const std::string& group : user.groups) add(group);
  add(StrCat(user.extra.size()));
  for (const auto& [name, values] : user.extra) {  // a std::map: in order
    add(name);
    add(StrCat(values.size()));
    for (const std::string& value : values) add(value);
  }
  add(attributes.verb);
  if (attributes.resource_request) {
    add("resource");
    for (const std::string* field : {&attributes.namespace_, &attributes.api_group,
                                     &attributes.api_version, &attributes.resource,
                                     &attributes.subresource, &attributes.name}) {
      add(*field);
    }
  } else {
    add("path");
    add(attributes.path);
  }
  return key;
}

}  // namespace

SubjectAccessReviewAuthorizer::SubjectAccessReviewAuthorizer(
    std::shared_ptr<client::Transport> transport, absl::Duration allowed_ttl,
    absl::Duration denied_ttl)
    : transport_(std::move(transport)), allowed_ttl_(allowed_ttl), denied_ttl_(denied_ttl) {}

absl::StatusOr<Decision> SubjectAccessReviewAuthorizer::Authorize(const Attributes& attributes,
                                                                  std::string* reason) const {
  if (attributes.user == nullptr) return absl::InvalidArgumentError("no user to authorize");
  const std::string key = ReviewKey(attributes);
  std::optional<Answer> answer = answers_.Get(key);
  if (!answer) {
    absl::StatusOr<Answer> reviewed = Review(attributes);
    if (!reviewed.ok()) return reviewed.status();
    answers_.Put(key, *reviewed,
                 reviewed->decision == Decision::kAllow ? allowed_ttl_ : denied_ttl_);
    answer = std::move(*reviewed);
  }
  *reason = answer->reason;
  return answer->decision;
}

absl::StatusOr<SubjectAccessReviewAuthorizer::Answer> SubjectAccessReviewAuthorizer::Review(
    const Attributes& attributes) const {
  k8s::authorization::v1::SubjectAccessReview review;
  k8s::authorization::v1::SubjectAccessReviewSpec& spec = *review.mutable_spec();
  const UserInfo& user = *attributes.user;
  spec.set_user(user.name);
  spec.set_uid(user.uid);
  for (const std::string& group : user.groups) spec.add_groups(group);
  for (const auto& [name, values] : user.extra) {
    auto& items = *(*spec.mutable_extra())[name].mutable_items();
    items.Add(values.begin(), values.end());
  }
  if (attributes.resource_request) {
    auto& resource = *spec.mutable_resourceattributes();
    resource.set_namespace_(attributes.namespace_);
    resource.set_verb(attributes.verb);
    resource.set_group(attributes.api_group);
    resource.set_version(attributes.api_version);
    resource.set_resource(attributes.resource);
    resource.set_subresource(attributes.subresource);
    resource.set_name(attributes.name);
  } else {
    auto& non_resource = *spec.mutable_nonresourceattributes();
    non_resource.set_path(attributes.path);
    non_resource.set_verb(attributes.verb);
  }
  absl::StatusOr<client::ObjectPtr> created =
      transport_->Create(SubjectAccessReviewResource(), "", review);
  if (!created.ok()) {
    return absl::Status(created.status().code(),
                        StrCat("SubjectAccessReview: ", created.status().message()));
  }
  const auto* answered =
      dynamic_cast<const k8s::authorization::v1::SubjectAccessReview*>(created->get());
  if (answered == nullptr) {
    return absl::InternalError("SubjectAccessReview: the answer is not a SubjectAccessReview");
  }
  const k8s::authorization::v1::SubjectAccessReviewStatus& status = answered->status();
  if (status.allowed() && status.denied()) {
    return absl::InternalError("SubjectAccessReview: the answer both allows and denies");
  }
  Answer answer;
  answer.decision = status.denied()    ? Decision::kDeny
                    : status.allowed() ? Decision::kAllow
                                       : Decision::kNoOpinion;
  answer.reason = status.reason();
  return answer;
}

}  // namespace kube::auth
