#include "apiserver/endpoints/request_info.h"

#include <catch2/catch.hpp>

namespace kube::apiserver {
namespace {

TEST_CASE("request paths decode as upstream's RequestInfoFactory") {
  RequestInfo info;
  REQUIRE(ParseRequestPath("/api/v1/namespaces/demo/pods/counter/log", info));
  CHECK(info.is_resource_request);
  CHECK(info.group.empty());
  CHECK(info.version == "v1");
  CHECK(info.namespace_ == "demo");
  CHECK(info.resource == "pods");
  CHECK(info.name == "counter");
  CHECK(info.subresource == "log");

  REQUIRE(ParseRequestPath("/apis/apps/v1/deployments", info));
  CHECK(info.group == "apps");
  CHECK(info.resource == "deployments");
  CHECK(info.namespace_.empty());
  CHECK(info.name.empty());

  REQUIRE(ParseRequestPath("/api/v1/namespaces/demo", info));
  CHECK(info.resource == "namespaces");
  CHECK(info.name == "demo");
  CHECK(info.namespace_.empty());

  REQUIRE(ParseRequestPath("/api/v1/namespaces/demo/status", info));
  CHECK(info.resource == "namespaces");
  CHECK(info.name == "demo");
  CHECK(info.subresource == "status");

  REQUIRE(ParseRequestPath("/api/v1/namespaces", info));
  CHECK(info.resource == "namespaces");
  CHECK(info.name.empty());

  REQUIRE(ParseRequestPath("/api/v1/watch/namespaces/demo/pods", info));
  CHECK(info.legacy_watch);
  CHECK(info.namespace_ == "demo");
  CHECK(info.resource == "pods");

  REQUIRE(ParseRequestPath("/api/v1/nodes/n1/status", info));
  CHECK(info.resource == "nodes");
  CHECK(info.subresource == "status");

  REQUIRE(ParseRequestPath("/apis", info));
  CHECK_FALSE(info.is_resource_request);
  REQUIRE(ParseRequestPath("/apis/apps/v1", info));
  CHECK_FALSE(info.is_resource_request);
  CHECK(info.group == "apps");

  CHECK_FALSE(ParseRequestPath("/healthz", info));
  CHECK_FALSE(ParseRequestPath("/api/v1/namespaces/a/pods/b/c/d", info));
}

}  // namespace
}  // namespace kube::apiserver
