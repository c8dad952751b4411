#include "apiserver/reviews/identity_reviews.h"

#include "common/util/strings.h"
#include "apiserver/reviews/user_info_conversion.h"
#include "common/api/errors.h"

namespace kube::apiserver::reviews {

absl::StatusOr<std::unique_ptr<k8s::authentication::v1::TokenReview>> ReviewToken(
    const authentication::RequestAuthenticator& authenticator,
    const std::vector<std::string>& api_audiences,
    const k8s::authentication::v1::TokenReview& review) {
  if (review.spec().token().empty()) {
    return api::BadRequestError("token is required for TokenReview in authentication");
  }
  auto answer = std::make_unique<k8s::authentication::v1::TokenReview>(review);
  auto* status = answer->mutable_status();
  auth::RequestCredentials credentials;
  credentials.authorization = StrCat("Bearer ", review.spec().token());
  absl::StatusOr<auth::UserInfo> user = authenticator.Authenticate(credentials);
  if (!user.ok()) {
    status->set_authenticated(false);
    status->set_error(std::string(user.status().message()));
    return answer;
  }
  status->set_authenticated(true);
  *status->mutable_user() = ToApiUserInfo(*user);
  const auto& requested = review.spec().audiences();
  for (const std::string& audience :
       requested.empty() ? api_audiences
                         : std::vector<std::string>(requested.begin(), requested.end())) {
    status->add_audiences(audience);
  }
  return answer;
}

std::unique_ptr<k8s::authentication::v1::SelfSubjectReview> ReviewSelfSubject(
    const auth::UserInfo& requester, const k8s::authentication::v1::SelfSubjectReview& review) {
  auto answer = std::make_unique<k8s::authentication::v1::SelfSubjectReview>(review);
  *answer->mutable_status()->mutable_userinfo() = ToApiUserInfo(requester);
  return answer;
}

}  // namespace kube::apiserver::reviews
