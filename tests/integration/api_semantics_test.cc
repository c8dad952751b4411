// API semantics over plain HTTP: what clients rely on beyond kubectl's happy path.

#include <set>

#include <catch2/catch.hpp>

#include "tests/integration/integration_helpers.h"
#include "tests/support/api_client.h"

namespace kube::testing {
namespace {

std::string ConfigMapJson(const std::string& name, const std::string& value,
                      const std::string& resource_version = "") {
  std::string meta = "\"name\":\"" + name + "\"";
  if (!resource_version.empty()) meta += ",\"resourceVersion\":\"" + resource_version + "\"";
  return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{" + meta +
         ",\"labels\":{\"app\":\"demo\"}},\"data\":{\"key\":\"" + value + "\"}}";
}

const char kConfigMaps[] = "/api/v1/namespaces/default/configmaps";

TEST_CASE("writes get server metadata and optimistic concurrency") {
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  ApiClient client(server);

  HttpResult created = client.Post(kConfigMaps, ConfigMapJson("a", "1"));
  REQUIRE(created.status == 201);
  CHECK(created.content_type.find("application/json") == 0);
  auto object = ParseJson(created.body);
  CHECK(JsonString(object, "/metadata/namespace") == "default");
  CHECK(JsonString(object, "/metadata/uid").size() == 36);
  CHECK(!JsonString(object, "/metadata/creationTimestamp").empty());
  std::string version = JsonString(object, "/metadata/resourceVersion");
  REQUIRE(!version.empty());

  // A stale resourceVersion is a 409 Conflict with upstream's message.
  HttpResult updated = client.Put(std::string(kConfigMaps) + "/a", ConfigMapJson("a", "2", version));
  REQUIRE(updated.status == 200);
  std::string newer = JsonString(ParseJson(updated.body), "/metadata/resourceVersion");
  CHECK(std::stoll(newer) > std::stoll(version));
  HttpResult stale = client.Put(std::string(kConfigMaps) + "/a", ConfigMapJson("a", "3", version));
  CHECK(stale.status == 409);
  auto status = ParseJson(stale.body);
  CHECK(JsonString(status, "/kind") == "Status");
  CHECK(JsonString(status, "/reason") == "Conflict");
  CHECK(Contains(JsonString(status, "/message"), "the object has been modified"));

  // An update that changes nothing keeps the resourceVersion.
  HttpResult same = client.Put(std::string(kConfigMaps) + "/a", ConfigMapJson("a", "2"));
  REQUIRE(same.status == 200);
  CHECK(JsonString(ParseJson(same.body), "/metadata/resourceVersion") == newer);

  // Duplicates, missing objects and missing namespaces.
  HttpResult duplicate = client.Post(kConfigMaps, ConfigMapJson("a", "1"));
  CHECK(duplicate.status == 409);
  CHECK(JsonString(ParseJson(duplicate.body), "/reason") == "AlreadyExists");
  HttpResult missing = client.Get(std::string(kConfigMaps) + "/nope");
  CHECK(missing.status == 404);
  CHECK(JsonString(ParseJson(missing.body), "/message") == "configmaps \"nope\" not found");
  HttpResult no_namespace = client.Post("/api/v1/namespaces/ghost/configmaps", ConfigMapJson("b", "1"));
  CHECK(no_namespace.status == 404);
  CHECK(JsonString(ParseJson(no_namespace.body), "/message") == "namespaces \"ghost\" not found");

  // generateName.
  HttpResult generated = client.Post(
      kConfigMaps, "{\"metadata\":{\"generateName\":\"gen-\"},\"data\":{\"k\":\"v\"}}");
  REQUIRE(generated.status == 201);
  std::string name = JsonString(ParseJson(generated.body), "/metadata/name");
  CHECK(name.size() == 9);
  CHECK(name.rfind("gen-", 0) == 0);

  // The default namespaces exist.
  for (const char* ns : {"default", "kube-system", "kube-public", "kube-node-lease"}) {
    CHECK(client.Get(std::string("/api/v1/namespaces/") + ns).status == 200);
  }
}

TEST_CASE("lists paginate with limit and continue at one resourceVersion") {
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  ApiClient client(server);
  for (int i = 0; i < 7; ++i) {
    REQUIRE(client.Post(kConfigMaps, ConfigMapJson("cm-" + std::to_string(i), "v")).status == 201);
  }
  std::set<std::string> seen;
  std::string continue_token;
  std::string first_version;
  int pages = 0;
  do {
    std::string path = std::string(kConfigMaps) + "?limit=3";
    if (!continue_token.empty()) path += "&continue=" + continue_token;
    HttpResult page = client.Get(path);
    REQUIRE(page.status == 200);
    auto list = ParseJson(page.body);
    CHECK(JsonString(list, "/kind") == "ConfigMapList");
    CHECK(JsonArraySize(list, "/items") <= 3);
    for (const auto& item : list["items"].GetArray()) {
      CHECK(seen.insert(JsonString(item, "/metadata/name")).second);
    }
    std::string version = JsonString(list, "/metadata/resourceVersion");
    if (first_version.empty()) first_version = version;
    CHECK(version == first_version);
    // Writes between pages do not show up in later pages.
    if (pages == 0) client.Post(kConfigMaps, ConfigMapJson("zz-late", "v"));
    continue_token = JsonString(list, "/metadata/continue");
    ++pages;
  } while (!continue_token.empty() && pages < 10);
  CHECK(pages == 3);
  CHECK(seen.size() == 7);
  CHECK(client.Get(std::string(kConfigMaps) + "?continue=garbage").status == 400);
}

TEST_CASE("watch resumes from a resourceVersion, filters, and bookmarks") {
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  ApiClient client(server);
  REQUIRE(client.Post(kConfigMaps, ConfigMapJson("before", "v")).status == 201);
  std::string version =
      JsonString(ParseJson(client.Get(kConfigMaps).body), "/metadata/resourceVersion");
  REQUIRE(client.Post(kConfigMaps, ConfigMapJson("after-1", "v")).status == 201);
  REQUIRE(client.Post(kConfigMaps,
                      "{\"metadata\":{\"name\":\"other\",\"labels\":{\"app\":\"x\"}}}")
              .status == 201);
  REQUIRE(client.Delete(std::string(kConfigMaps) + "/after-1").status == 200);

  HttpResult watch = client.Get(std::string(kConfigMaps) + "?watch=true&resourceVersion=" +
                                version + "&labelSelector=app%3Ddemo&timeoutSeconds=2&allowWatchBookmarks=true");
  REQUIRE(watch.status == 200);
  INFO(watch.body);
  // after-1 ADDED then DELETED; "other" filtered out; "before" predates the RV.
  CHECK(Contains(watch.body, "{\"type\":\"ADDED\",\"object\":{\"kind\":\"ConfigMap\""));
  CHECK(Contains(watch.body, "\"type\":\"DELETED\""));
  CHECK(!Contains(watch.body, "\"other\""));
  CHECK(!Contains(watch.body, "\"before\""));
  CHECK(Contains(watch.body, "\"type\":\"BOOKMARK\""));

  // Without a resourceVersion the current state comes first as ADDED.
  HttpResult initial = client.Get(std::string(kConfigMaps) + "?watch=true&timeoutSeconds=1");
  CHECK(Contains(initial.body, "\"name\":\"before\""));
  CHECK(Contains(initial.body, "\"name\":\"other\""));
}

TEST_CASE("compacted resourceVersions get 410 Expired") {
  ApiServerProcess server({"--etcd-compaction-interval", "1s"});
  REQUIRE_STARTED(server);
  ApiClient client(server);
  REQUIRE(client.Post(kConfigMaps, ConfigMapJson("a", "1")).status == 201);
  std::string old_version = JsonString(ParseJson(client.Get(kConfigMaps).body), "/metadata/resourceVersion");
  for (int i = 0; i < 5; ++i) client.Post(kConfigMaps, ConfigMapJson("b" + std::to_string(i), "v"));
  absl::SleepFor(absl::Milliseconds(2600));  // two compaction ticks
  client.Post(kConfigMaps, ConfigMapJson("c", "v"));
  absl::SleepFor(absl::Milliseconds(1200));

  HttpResult watch = client.Get(std::string(kConfigMaps) + "?watch=true&resourceVersion=1&timeoutSeconds=2");
  INFO(watch.body);
  CHECK(watch.status == 200);
  CHECK(Contains(watch.body, "\"type\":\"ERROR\""));
  CHECK(Contains(watch.body, "\"code\":410"));
  CHECK(Contains(watch.body, "\"reason\":\"Expired\""));

  HttpResult exact = client.Get(std::string(kConfigMaps) + "?resourceVersion=" + old_version +
                                "&resourceVersionMatch=Exact");
  CHECK(exact.status == 410);
}

TEST_CASE("services get a cluster IP from the configured range") {
  ApiServerProcess server({"--service-cluster-ip-range", "10.96.0.0/24"});
  REQUIRE_STARTED(server);
  ApiClient client(server);
  std::set<std::string> ips;
  for (int i = 0; i < 5; ++i) {
    HttpResult created = client.Post(
        "/api/v1/namespaces/default/services",
        "{\"metadata\":{\"name\":\"svc-" + std::to_string(i) +
            "\"},\"spec\":{\"selector\":{\"app\":\"x\"},\"ports\":[{\"port\":80}]}}");
    INFO(created.body);
    REQUIRE(created.status == 201);
    auto service = ParseJson(created.body);
    std::string ip = JsonString(service, "/spec/clusterIP");
    CHECK(ip.rfind("10.96.0.", 0) == 0);
    CHECK(JsonString(service, "/spec/type") == "ClusterIP");
    CHECK(JsonInt(service, "/spec/ports/0/targetPort") == 80);
    CHECK(JsonString(service, "/spec/ports/0/protocol") == "TCP");
    ips.insert(ip);
  }
  CHECK(ips.size() == 5);
}

}  // namespace
}  // namespace kube::testing
