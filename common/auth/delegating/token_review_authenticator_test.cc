#include "common/auth/delegating/token_review_authenticator.h"

#include <catch2/catch.hpp>

#include "common/auth/delegating/fake_review_transport.h"

namespace kube::auth {
namespace {

using k8s::authentication::v1::TokenReviewSpec;
using k8s::authentication::v1::TokenReviewStatus;

// Knows one token, "good", as a ServiceAccount; "broken" makes the review fail.
absl::StatusOr<TokenReviewStatus> ReviewOneToken(const TokenReviewSpec& spec) {
  TokenReviewStatus status;
  if (spec.token() == "broken") return absl::UnavailableError("connection refused");
  if (spec.token() != "good") {
    status.set_error("token not found");
    return status;
  }
  status.set_authenticated(true);
  status.mutable_user()->set_username("system:serviceaccount:t:bob");
  status.mutable_user()->set_uid("uid-1");
  status.mutable_user()->add_groups("system:serviceaccounts");
  status.mutable_user()->add_groups("system:authenticated");
  (*status.mutable_user()->mutable_extra())["authentication.kubernetes.io/pod-name"].add_items("p");
  return status;
}

std::shared_ptr<testing::FakeReviewTransport> TokenTransport() {
  return std::make_shared<testing::FakeReviewTransport>(
      ReviewOneToken, [](const auto&) -> absl::StatusOr<k8s::authorization::v1::SubjectAccessReviewStatus> {
        return absl::UnimplementedError("no access reviews here");
      });
}

}  // namespace

TEST_CASE("a bearer token the apiserver knows is its user, and the answer is kept", "[auth]") {
  auto transport = TokenTransport();
  TokenReviewAuthenticator authenticator(transport, absl::Seconds(10));
  RequestCredentials credentials{.authorization = "Bearer good"};
  for (int i = 0; i < 3; ++i) {
    absl::StatusOr<std::optional<UserInfo>> user = authenticator.Authenticate(credentials);
    REQUIRE(user.ok());
    REQUIRE(user->has_value());
    CHECK((*user)->name == "system:serviceaccount:t:bob");
    CHECK((*user)->uid == "uid-1");
    CHECK((*user)->groups ==
          std::vector<std::string>{"system:serviceaccounts", "system:authenticated"});
    CHECK((*user)->extra["authentication.kubernetes.io/pod-name"] ==
          std::vector<std::string>{"p"});
  }
  CHECK(transport->token_reviews() == 1);
}

TEST_CASE("an unknown bearer token is a bad credential, remembered too", "[auth]") {
  auto transport = TokenTransport();
  TokenReviewAuthenticator authenticator(transport, absl::Seconds(10));
  for (int i = 0; i < 2; ++i) {
    absl::StatusOr<std::optional<UserInfo>> user =
        authenticator.Authenticate({.authorization = "bearer junk"});
    REQUIRE_FALSE(user.ok());
    CHECK(user.status().code() == absl::StatusCode::kUnauthenticated);
    CHECK(user.status().message() == "token not found");
  }
  CHECK(transport->token_reviews() == 1);
}

TEST_CASE("a failed token review is an error and is asked again", "[auth]") {
  auto transport = TokenTransport();
  TokenReviewAuthenticator authenticator(transport, absl::Seconds(10));
  for (int i = 0; i < 2; ++i) {
    absl::StatusOr<UserInfo> user = authenticator.AuthenticateToken("broken");
    REQUIRE_FALSE(user.ok());
    CHECK(user.status().code() == absl::StatusCode::kUnavailable);
  }
  CHECK(transport->token_reviews() == 2);
}

TEST_CASE("no bearer header is no credential", "[auth]") {
  auto transport = TokenTransport();
  TokenReviewAuthenticator authenticator(transport, absl::Seconds(10));
  for (const char* header : {"", "Basic dXNlcjpwYXNz", "Bearer", "Bearer "}) {
    INFO(header);
    absl::StatusOr<std::optional<UserInfo>> user = authenticator.Authenticate({.authorization = header});
    REQUIRE(user.ok());
    CHECK_FALSE(user->has_value());
  }
  CHECK(transport->token_reviews() == 0);
  CHECK(BearerToken("BEARER abc def") == "abc");
}

}  // namespace kube::auth
