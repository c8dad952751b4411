#include "common/auth/always_allow.h"

#include <catch2/catch.hpp>

namespace kube::auth {
namespace {

Decision PathDecision(const Authorizer& authorizer, const std::string& path) {
  UserInfo user{.name = "system:anonymous"};
  Attributes attributes{.user = &user, .verb = "get", .path = path};
  std::string reason;
  absl::StatusOr<Decision> decision = authorizer.Authorize(attributes, &reason);
  REQUIRE(decision.ok());
  return *decision;
}

}  // namespace

TEST_CASE("always-allowed paths match exactly or by a trailing *", "[auth]") {
  auto authorizer = AlwaysAllowPathsAuthorizer::Create({"/healthz", "readyz", "/debug/*", "/"});
  REQUIRE(authorizer.ok());
  CHECK(PathDecision(**authorizer, "/healthz") == Decision::kAllow);
  CHECK(PathDecision(**authorizer, "/readyz") == Decision::kAllow);  // "/" optional
  CHECK(PathDecision(**authorizer, "/debug/pprof/heap") == Decision::kAllow);
  CHECK(PathDecision(**authorizer, "/") == Decision::kAllow);
  CHECK(PathDecision(**authorizer, "/healthz/ping") == Decision::kNoOpinion);
  CHECK(PathDecision(**authorizer, "/metrics") == Decision::kNoOpinion);

  UserInfo user{.name = "u"};
  Attributes resource{.user = &user, .verb = "get", .resource_request = true,
                      .resource = "nodes", .path = "/healthz"};
  std::string reason;
  CHECK(*(*authorizer)->Authorize(resource, &reason) == Decision::kNoOpinion);
}

TEST_CASE("an always-allowed path with a * inside is refused", "[auth]") {
  auto authorizer = AlwaysAllowPathsAuthorizer::Create({"/a/*/b"});
  REQUIRE_FALSE(authorizer.ok());
  CHECK(authorizer.status().message() == "only trailing * allowed in \"/a/*/b\"");
}

TEST_CASE("privileged groups are allowed everything", "[auth]") {
  PrivilegedGroupsAuthorizer authorizer({"system:masters"});
  UserInfo admin{.name = "admin", .groups = {"system:masters", "system:authenticated"}};
  UserInfo other{.name = "bob", .groups = {"system:authenticated"}};
  std::string reason;
  Attributes attributes{.user = &admin, .verb = "get", .path = "/metrics"};
  CHECK(*authorizer.Authorize(attributes, &reason) == Decision::kAllow);
  attributes.user = &other;
  CHECK(*authorizer.Authorize(attributes, &reason) == Decision::kNoOpinion);
}

}  // namespace kube::auth
