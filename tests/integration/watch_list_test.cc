// WatchList (sendInitialEvents), as client-go 0.35 informers, Helm 4 and k9s open
// watches: the initial state as ADDED events, then one BOOKMARK annotated
// k8s.io/initial-events-end at the state's resourceVersion. Driven with curl, the
// official Python client, and the gRPC API.

#include <sstream>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/integration/integration_helpers.h"
#include "tests/support/api_client.h"
#include "tests/support/test_pki.h"

namespace kube::testing {
namespace {

constexpr char kConfigMaps[] = "/api/v1/namespaces/default/configmaps";
constexpr char kWatchList[] =
    "?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true";

std::string ConfigMap(const std::string& name) {
  return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name +
         "\"},\"data\":{\"k\":\"v\"}}";
}

struct Event {
  std::string type;
  std::string name;
  std::string resource_version;
  std::string end_annotation;
};

std::vector<Event> ParseEvents(const std::string& body) {
  std::vector<Event> events;
  std::istringstream in(body);
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    rapidjson::Document event = ParseJson(line);
    events.push_back({JsonString(event, "/type"), JsonString(event, "/object/metadata/name"),
                      JsonString(event, "/object/metadata/resourceVersion"),
                      JsonString(event, "/object/metadata/annotations/k8s.io~1initial-events-end")});
  }
  return events;
}

// curl with the test PKI's admin certificate; the server ends the watch after
// `timeout_seconds`.
CommandResult Curl(const ApiServerProcess& server, const std::string& path) {
  const TestPki& pki = TestPki::Shared();
  return RunCommand({"curl", "-sS", "--max-time", "30", "--cacert", pki.ca_file(), "--cert",
                     pki.admin().cert_file, "--key", pki.admin().key_file, server.url() + path});
}

TEST_CASE("a WatchList ends its initial events with the annotated bookmark", "[watchlist]") {
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  ApiClient client(server);
  for (const char* name : {"one", "two", "three"}) {
    REQUIRE(client.Post(kConfigMaps, ConfigMap(name)).status == 201);
  }
  std::string listed =
      JsonString(ParseJson(client.Get(kConfigMaps).body), "/metadata/resourceVersion");

  CommandResult watched = Curl(server, std::string(kConfigMaps) + kWatchList + "&timeoutSeconds=1");
  INFO(watched.out << watched.err);
  REQUIRE(watched.exit_code == 0);
  std::vector<Event> events = ParseEvents(watched.out);
  REQUIRE(events.size() >= 4);
  // Key order, then the end marker at the list's revision (nothing was written since).
  CHECK(events[0].type == "ADDED");
  CHECK(events[0].name == "one");
  CHECK(events[1].name == "three");
  CHECK(events[2].name == "two");
  CHECK(events[3].type == "BOOKMARK");
  CHECK(events[3].end_annotation == "true");
  CHECK(events[3].resource_version == listed);
  CHECK(Contains(watched.out, "\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\""));
  // Later bookmarks (at the timeout) carry no annotation.
  for (size_t i = 4; i < events.size(); ++i) CHECK(events[i].end_annotation.empty());

  SECTION("an empty collection still gets the bookmark") {
    CommandResult empty = Curl(server, std::string("/api/v1/namespaces/empty/configmaps") +
                                           kWatchList + "&timeoutSeconds=1");
    std::vector<Event> none = ParseEvents(empty.out);
    REQUIRE(!none.empty());
    CHECK(none[0].type == "BOOKMARK");
    CHECK(none[0].end_annotation == "true");
  }

  SECTION("sendInitialEvents=false streams only what comes after the resourceVersion") {
    REQUIRE(client.Post(kConfigMaps, ConfigMap("four")).status == 201);
    CommandResult later = Curl(server, std::string(kConfigMaps) +
                                           "?watch=1&sendInitialEvents=false&resourceVersionMatch="
                                           "NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=1"
                                           "&resourceVersion=" + listed);
    std::vector<Event> changes = ParseEvents(later.out);
    REQUIRE(!changes.empty());
    CHECK(changes[0].type == "ADDED");
    CHECK(changes[0].name == "four");
    for (const Event& event : changes) CHECK(event.end_annotation.empty());
  }

  SECTION("without allowWatchBookmarks no bookmark is sent") {
    CommandResult plain = Curl(server, std::string(kConfigMaps) +
                                           "?watch=1&sendInitialEvents=true&resourceVersionMatch="
                                           "NotOlderThan&timeoutSeconds=1");
    std::vector<Event> added = ParseEvents(plain.out);
    CHECK(added.size() == 3);
    for (const Event& event : added) CHECK(event.type == "ADDED");
  }

  SECTION("upstream's rules for the parameters, as 422 on ListOptions") {
    HttpResult no_match = client.Get(std::string(kConfigMaps) + "?watch=1&sendInitialEvents=true");
    CHECK(no_match.status == 422);
    CHECK(Contains(no_match.body,
                   "ListOptions.meta.k8s.io \\\"\\\" is invalid: resourceVersionMatch: Forbidden: "
                   "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan"));
    HttpResult match_alone =
        client.Get(std::string(kConfigMaps) + "?watch=1&resourceVersionMatch=NotOlderThan");
    CHECK(match_alone.status == 422);
    CHECK(Contains(match_alone.body,
                   "resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided"));
    HttpResult exact = client.Get(std::string(kConfigMaps) +
                                  "?watch=1&sendInitialEvents=true&resourceVersionMatch=Exact");
    CHECK(exact.status == 422);
    CHECK(Contains(exact.body, "Unsupported value: \\\"Exact\\\""));
    HttpResult junk = client.Get(std::string(kConfigMaps) +
                                 "?watch=1&sendInitialEvents=maybe&resourceVersionMatch=NotOlderThan");
    CHECK(junk.status == 400);
  }
}

TEST_CASE("the Python client reads a WatchList to its end bookmark", "[watchlist]") {
  if (RunCommand({"/usr/bin/python3", "-c", "import kubernetes"}).exit_code != 0) {
    WARN("SKIPPED: /usr/bin/python3 cannot import kubernetes (apt-get install python3-kubernetes)");
    return;
  }
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  ApiClient client(server);
  REQUIRE(client.Post(kConfigMaps, ConfigMap("alpha")).status == 201);
  REQUIRE(client.Post(kConfigMaps, ConfigMap("beta")).status == 201);
  std::string listed =
      JsonString(ParseJson(client.Get(kConfigMaps).body), "/metadata/resourceVersion");

  CommandResult python = RunCommand({"/usr/bin/python3", SourceDir() + "/tests/python/watch_list.py",
                                     server.kubeconfig(), "default"});
  INFO(python.out << python.err);
  CHECK(python.exit_code == 0);
  CHECK(python.out == "ADDED alpha\nADDED beta\nBOOKMARK " + listed + " true\n");
}

}  // namespace
}  // namespace kube::testing
