#include "common/auth/delegating/subject_access_review_authorizer.h"

#include <catch2/catch.hpp>

#include "common/auth/delegating/fake_review_transport.h"

namespace kube::auth {
namespace {

using k8s::authorization::v1::SubjectAccessReviewSpec;
using k8s::authorization::v1::SubjectAccessReviewStatus;

struct SeenReviews {
  std::vector<SubjectAccessReviewSpec> specs;
};

// Allows "get /metrics" to "prometheus", denies "evil", fails for "unlucky".
std::shared_ptr<testing::FakeReviewTransport> AccessTransport(SeenReviews& seen) {
  return std::make_shared<testing::FakeReviewTransport>(
      [](const auto&) -> absl::StatusOr<k8s::authentication::v1::TokenReviewStatus> {
        return absl::UnimplementedError("no token reviews here");
      },
      [&seen](const SubjectAccessReviewSpec& spec) -> absl::StatusOr<SubjectAccessReviewStatus> {
        seen.specs.push_back(spec);
        SubjectAccessReviewStatus status;
        if (spec.user() == "unlucky") return absl::UnavailableError("connection refused");
        if (spec.user() == "evil") {
          status.set_denied(true);
          status.set_reason("denied by policy");
        } else if (spec.user() == "prometheus" && spec.nonresourceattributes().path() == "/metrics" &&
                   spec.nonresourceattributes().verb() == "get") {
          status.set_allowed(true);
          status.set_reason("RBAC: allowed");
        }
        return status;
      });
}

}  // namespace

TEST_CASE("a SubjectAccessReview carries the user and the path, and its answer is kept",
          "[auth]") {
  SeenReviews seen;
  auto transport = AccessTransport(seen);
  SubjectAccessReviewAuthorizer authorizer(transport, absl::Seconds(10), absl::Seconds(10));
  UserInfo user{.name = "prometheus", .uid = "u1", .groups = {"g1", "system:authenticated"},
                .extra = {{"k", {"v"}}}};
  Attributes attributes{.user = &user, .verb = "get", .path = "/metrics"};
  std::string reason;
  for (int i = 0; i < 3; ++i) {
    absl::StatusOr<Decision> decision = authorizer.Authorize(attributes, &reason);
    REQUIRE(decision.ok());
    CHECK(*decision == Decision::kAllow);
    CHECK(reason == "RBAC: allowed");
  }
  REQUIRE(seen.specs.size() == 1);
  const SubjectAccessReviewSpec& spec = seen.specs[0];
  CHECK(spec.user() == "prometheus");
  CHECK(spec.uid() == "u1");
  CHECK(spec.groups().size() == 2);
  CHECK(spec.extra().at("k").items(0) == "v");
  CHECK_FALSE(spec.has_resourceattributes());

  // Another verb is another question; a refusal is kept as well.
  attributes.verb = "post";
  CHECK(*authorizer.Authorize(attributes, &reason) == Decision::kNoOpinion);
  CHECK(*authorizer.Authorize(attributes, &reason) == Decision::kNoOpinion);
  CHECK(seen.specs.size() == 2);
}

TEST_CASE("a SubjectAccessReview for a resource sends resource attributes", "[auth]") {
  SeenReviews seen;
  SubjectAccessReviewAuthorizer authorizer(AccessTransport(seen), absl::Seconds(10),
                                           absl::Seconds(10));
  UserInfo user{.name = "kube-apiserver-kubelet-client"};
  Attributes attributes{.user = &user, .verb = "get", .resource_request = true,
                        .api_version = "v1", .resource = "nodes", .subresource = "proxy",
                        .name = "n1"};
  std::string reason;
  CHECK(*authorizer.Authorize(attributes, &reason) == Decision::kNoOpinion);
  REQUIRE(seen.specs.size() == 1);
  const auto& resource = seen.specs[0].resourceattributes();
  CHECK(resource.verb() == "get");
  CHECK(resource.version() == "v1");
  CHECK(resource.resource() == "nodes");
  CHECK(resource.subresource() == "proxy");
  CHECK(resource.name() == "n1");
  CHECK_FALSE(seen.specs[0].has_nonresourceattributes());
}

TEST_CASE("denied is kDeny with its reason; a failed review is an error, asked again",
          "[auth]") {
  SeenReviews seen;
  SubjectAccessReviewAuthorizer authorizer(AccessTransport(seen), absl::Seconds(10),
                                           absl::Seconds(10));
  UserInfo evil{.name = "evil"};
  Attributes attributes{.user = &evil, .verb = "get", .path = "/metrics"};
  std::string reason;
  CHECK(*authorizer.Authorize(attributes, &reason) == Decision::kDeny);
  CHECK(reason == "denied by policy");
  UserInfo unlucky{.name = "unlucky"};
  attributes.user = &unlucky;
  for (int i = 0; i < 2; ++i) {
    absl::StatusOr<Decision> decision = authorizer.Authorize(attributes, &reason);
    CHECK(decision.status().code() == absl::StatusCode::kUnavailable);
  }
  CHECK(seen.specs.size() == 3);
}

}  // namespace kube::auth
