// Several apiservers on one etcd: what one writes the other reads and watches, and
// optimistic concurrency holds across them.

#include <catch2/catch.hpp>

#include "tests/integration/integration_helpers.h"
#include "tests/support/api_client.h"
#include "tests/support/etcd_test_cluster.h"

namespace kube::testing {
namespace {

TEST_CASE("two apiservers on one etcd share writes, watches and conflicts") {
  if (!storage::etcd::testing::EtcdInstalled()) {
    WARN(storage::etcd::testing::kSkipped);
    return;
  }
  auto cluster = storage::etcd::testing::EtcdTestCluster::Start(1);
  REQUIRE(cluster.ok());
  std::string servers = (*cluster)->endpoints()[0];
  std::vector<std::string> flags = {"--storage-backend", "etcd3", "--etcd-servers", servers,
                                    "--etcd-prefix", "/two-apiservers"};
  ApiServerProcess first(flags);
  ApiServerProcess second(flags);
  REQUIRE_STARTED(first);
  REQUIRE_STARTED(second);
  ApiClient one(first);
  ApiClient two(second);
  const std::string maps = "/api/v1/namespaces/default/configmaps";

  HttpResult created = one.Post(maps, R"({"metadata":{"name":"shared"},"data":{"k":"1"}})");
  REQUIRE(created.status == 201);
  std::string version = JsonString(ParseJson(created.body), "/metadata/resourceVersion");

  // Read through the other apiserver.
  HttpResult read = two.Get(maps + "/shared");
  REQUIRE(read.status == 200);
  CHECK(JsonString(ParseJson(read.body), "/data/k") == "1");
  CHECK(JsonString(ParseJson(read.body), "/metadata/resourceVersion") == version);

  // A write through the first is seen by a watch on the second.
  HttpResult updated = one.Put(maps + "/shared",
                               R"({"metadata":{"name":"shared","resourceVersion":")" + version +
                                   R"("},"data":{"k":"2"}})");
  REQUIRE(updated.status == 200);
  HttpResult watch = two.Get(maps + "?watch=true&timeoutSeconds=2&resourceVersion=" + version);
  INFO(watch.body);
  CHECK(Contains(watch.body, "\"type\":\"MODIFIED\""));
  CHECK(Contains(watch.body, "\"k\":\"2\""));

  // The stale version is refused by the other apiserver too.
  HttpResult stale = two.Put(maps + "/shared",
                             R"({"metadata":{"name":"shared","resourceVersion":")" + version +
                                 R"("},"data":{"k":"3"}})");
  CHECK(stale.status == 409);
  CHECK(JsonString(ParseJson(two.Get(maps + "/shared").body), "/data/k") == "2");

  // Both allocate cluster IPs from the same reservations.
  std::set<std::string> ips;
  for (int i = 0; i < 6; ++i) {
    ApiClient& client = i % 2 == 0 ? one : two;
    HttpResult service = client.Post(
        "/api/v1/namespaces/default/services",
        "{\"metadata\":{\"name\":\"s" + std::to_string(i) + "\"},\"spec\":{\"ports\":[{\"port\":80}]}}");
    REQUIRE(service.status == 201);
    ips.insert(JsonString(ParseJson(service.body), "/spec/clusterIP"));
  }
  CHECK(ips.size() == 6);
}

}  // namespace
}  // namespace kube::testing
