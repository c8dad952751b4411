#include "common/auth/delegating/token_review_authenticator.h"

#include <openssl/evp.h>

#include "absl/strings/escaping.h"
#include "common/auth/delegating/review_resources.h"
#include "common/util/strings.h"
#include "k8s/authentication/v1/authentication.pb.h"

namespace kube::auth {
namespace {

std::string TokenDigest(const std::string& token) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(token.data(), token.size(), digest, &length, EVP_sha256(), nullptr);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), length));
}

}  // namespace

TokenReviewAuthenticator::TokenReviewAuthenticator(std::shared_ptr<client::Transport> transport,
                                                   absl::Duration cache_ttl)
    : transport_(std::move(transport)), cache_ttl_(cache_ttl) {}

absl::StatusOr<std::optional<UserInfo>> TokenReviewAuthenticator::Authenticate(
    const RequestCredentials& credentials) const {
  std::optional<std::string> token = BearerToken(credentials.authorization);
  if (!token) return std::nullopt;
  absl::StatusOr<UserInfo> user = AuthenticateToken(*token);
  if (!user.ok()) return user.status();
  return std::optional<UserInfo>(std::move(*user));
}

absl::StatusOr<UserInfo> TokenReviewAuthenticator::AuthenticateToken(
    const std::string& token) const {
  const std::string key = TokenDigest(token);
  std::optional<Answer> answer = answers_.Get(key);
  if (!answer) {
    absl::StatusOr<Answer> reviewed = Review(token);
    if (!reviewed.ok()) return reviewed.status();
    answers_.Put(key, *reviewed, cache_ttl_);
    answer = std::move(*reviewed);
  }
  if (!answer->authenticated) {
    return absl::UnauthenticatedError(answer->error.empty() ? "invalid bearer token"
                                                            : answer->error);
  }
  return answer->user;
}

absl::StatusOr<TokenReviewAuthenticator::Answer> TokenReviewAuthenticator::Review(
    const std::string& token) const {
  k8s::authentication::v1::TokenReview review;
  review.mutable_spec()->set_token(token);
  absl::StatusOr<client::ObjectPtr> created =
      transport_->Create(TokenReviewResource(), "", review);
  if (!created.ok()) {
    return absl::Status(created.status().code(),
                        StrCat("TokenReview: ", created.status().message()));
  }
  const auto* answered = dynamic_cast<const k8s::authentication::v1::TokenReview*>(created->get());
  if (answered == nullptr) return absl::InternalError("TokenReview: the answer is not a TokenReview");
  const k8s::authentication::v1::TokenReviewStatus& status = answered->status();
  Answer answer;
  answer.authenticated = status.authenticated();
  answer.error = status.error();
  if (answer.authenticated) {
    answer.user.name = status.user().username();
    answer.user.uid = status.user().uid();
    answer.user.groups.assign(status.user().groups().begin(), status.user().groups().end());
    for (const auto& [key, values] : status.user().extra()) {
      answer.user.extra[key].assign(values.items().begin(), values.items().end());
    }
  }
  return answer;
}

}  // namespace kube::auth
