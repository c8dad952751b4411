#include "common/auth/forbidden.h"

#include <catch2/catch.hpp>

#include "common/api/errors.h"

namespace kube::auth {

TEST_CASE("a refused path gets upstream's 403 text", "[auth]") {
  UserInfo user{.name = "system:anonymous"};
  Attributes attributes{.user = &user, .verb = "get", .path = "/metrics"};
  absl::Status status = ForbiddenStatus(attributes, "");
  CHECK(status.code() == absl::StatusCode::kPermissionDenied);
  CHECK(api::HttpCode(status) == 403);
  k8s::meta::v1::Status api_status = api::ToApiStatus(status);
  CHECK(api_status.message() == "forbidden: User \"system:anonymous\" cannot get path \"/metrics\"");
  CHECK(api_status.reason() == "Forbidden");

  CHECK(api::ToApiStatus(ForbiddenStatus(attributes, "no RBAC policy matched")).message() ==
        "forbidden: User \"system:anonymous\" cannot get path \"/metrics\": no RBAC policy "
        "matched");
}

TEST_CASE("a refused resource request names the resource and scope", "[auth]") {
  UserInfo user{.name = "bob"};
  Attributes attributes{.user = &user, .verb = "get", .resource_request = true,
                        .resource = "nodes", .subresource = "proxy", .name = "n1"};
  CHECK(ForbiddenMessage(attributes) ==
        "User \"bob\" cannot get resource \"nodes/proxy\" in API group \"\" at the cluster scope");
  k8s::meta::v1::Status api_status = api::ToApiStatus(ForbiddenStatus(attributes, ""));
  CHECK(api_status.message() ==
        "nodes \"n1\" is forbidden: User \"bob\" cannot get resource \"nodes/proxy\" in API "
        "group \"\" at the cluster scope");
}

}  // namespace kube::auth
