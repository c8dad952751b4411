#include "common/auth/delegating/delegating_authorizer.h"

#include <catch2/catch.hpp>

#include "common/api/errors.h"
#include "common/auth/delegating/fake_review_transport.h"

namespace kube::auth {
namespace {

using k8s::authorization::v1::SubjectAccessReviewStatus;

// Allows "prometheus" everything; fails for "unlucky"; no opinion otherwise.
std::shared_ptr<testing::FakeReviewTransport> PrometheusOnlyTransport() {
  return std::make_shared<testing::FakeReviewTransport>(
      [](const auto&) -> absl::StatusOr<k8s::authentication::v1::TokenReviewStatus> {
        return absl::UnimplementedError("no token reviews here");
      },
      [](const k8s::authorization::v1::SubjectAccessReviewSpec& spec)
          -> absl::StatusOr<SubjectAccessReviewStatus> {
        if (spec.user() == "unlucky") return absl::UnavailableError("connection refused");
        SubjectAccessReviewStatus status;
        status.set_allowed(spec.user() == "prometheus");
        return status;
      });
}

absl::Status AuthorizePath(const DelegatingAuthorizer& authorizer, const UserInfo& user,
                           const std::string& path) {
  return authorizer.Authorize({.user = &user, .verb = "get", .path = path});
}

}  // namespace

TEST_CASE("the delegating authorizer: groups, then paths, then a review", "[auth]") {
  auto transport = PrometheusOnlyTransport();
  auto authorizer = DelegatingAuthorizer::Create({}, transport);
  REQUIRE(authorizer.ok());
  UserInfo anonymous{.name = "system:anonymous", .groups = {"system:unauthenticated"}};
  UserInfo admin{.name = "admin", .groups = {"system:masters"}};
  UserInfo prometheus{.name = "prometheus"};

  for (const char* path : {"/healthz", "/readyz", "/livez"}) {
    CHECK(AuthorizePath(**authorizer, anonymous, path).ok());
  }
  CHECK(transport->access_reviews() == 0);

  absl::Status refused = AuthorizePath(**authorizer, anonymous, "/metrics");
  CHECK(api::HttpCode(refused) == 403);
  CHECK(api::ToApiStatus(refused).message() ==
        "forbidden: User \"system:anonymous\" cannot get path \"/metrics\"");
  CHECK(AuthorizePath(**authorizer, admin, "/metrics").ok());
  CHECK(AuthorizePath(**authorizer, prometheus, "/metrics").ok());
  CHECK(transport->access_reviews() == 2);  // anonymous and prometheus; not the admin

  UserInfo unlucky{.name = "unlucky"};
  absl::Status failed = AuthorizePath(**authorizer, unlucky, "/metrics");
  CHECK(failed.code() == absl::StatusCode::kInternal);
  CHECK_THAT(std::string(failed.message()), Catch::Contains("connection refused"));
}

TEST_CASE("without a transport only the always-allowed is allowed", "[auth]") {
  DelegatingAuthorizationOptions options;
  options.always_allow_paths = {"/healthz", "/debug/*"};
  auto authorizer = DelegatingAuthorizer::Create(options, nullptr);
  REQUIRE(authorizer.ok());
  UserInfo user{.name = "bob"};
  CHECK(AuthorizePath(**authorizer, user, "/debug/flags").ok());
  CHECK(AuthorizePath(**authorizer, user, "/readyz").code() ==
        absl::StatusCode::kPermissionDenied);
}

TEST_CASE("a bad always-allowed path is refused by name", "[auth]") {
  DelegatingAuthorizationOptions options;
  options.always_allow_paths = {"/a*b"};
  auto authorizer = DelegatingAuthorizer::Create(options, nullptr);
  REQUIRE_FALSE(authorizer.ok());
  CHECK_THAT(std::string(authorizer.status().message()),
             Catch::StartsWith("--authorization-always-allow-paths: "));
}

}  // namespace kube::auth
