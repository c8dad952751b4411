// events.k8s.io/v1 Events: the same objects as core/v1 Events, under the newer
// names, one storage for both (as upstream serves one resource in two versions).

#include <catch2/catch.hpp>

#include "tests/integration/integration_helpers.h"
#include "tests/support/api_client.h"

namespace kube::testing {
namespace {

constexpr char kCore[] = "/api/v1/namespaces/default/events";
constexpr char kNew[] = "/apis/events.k8s.io/v1/namespaces/default/events";

TEST_CASE("events.k8s.io/v1 serves the core Events under their newer names", "[events]") {
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  ApiClient client(server);

  // Written as core/v1, read as events.k8s.io/v1.
  HttpResult core = client.Post(kCore, R"({"metadata":{"name":"started"},
      "involvedObject":{"kind":"Pod","namespace":"default","name":"web-1"},
      "reason":"Started","message":"Started container web","type":"Normal","count":3,
      "source":{"component":"kubelet","host":"node-1"},
      "firstTimestamp":"2026-12-01T10:00:00Z","lastTimestamp":"2026-12-01T10:05:00Z",
      "reportingComponent":"kubelet","reportingInstance":"node-1"})");
  INFO(core.body);
  REQUIRE(core.status == 201);
  HttpResult read = client.Get(std::string(kNew) + "/started");
  INFO(read.body);
  REQUIRE(read.status == 200);
  rapidjson::Document event = ParseJson(read.body);
  CHECK(JsonString(event, "/apiVersion") == "events.k8s.io/v1");
  CHECK(JsonString(event, "/kind") == "Event");
  CHECK(JsonString(event, "/note") == "Started container web");
  CHECK(JsonString(event, "/regarding/name") == "web-1");
  CHECK(JsonString(event, "/reportingController") == "kubelet");
  CHECK(JsonString(event, "/deprecatedSource/host") == "node-1");
  CHECK(JsonString(event, "/deprecatedFirstTimestamp") == "2026-12-01T10:00:00Z");
  CHECK(event["deprecatedCount"].GetInt() == 3);
  CHECK(event["eventTime"].IsNull());  // no omitempty upstream
  CHECK(JsonString(event, "/metadata/resourceVersion") ==
        JsonString(ParseJson(core.body), "/metadata/resourceVersion"));

  // Written as events.k8s.io/v1, read as core/v1.
  HttpResult created = client.Post(kNew, R"({"metadata":{"name":"scheduled"},
      "eventTime":"2026-12-01T10:00:00.123456Z","reportingController":"default-scheduler",
      "reportingInstance":"scheduler-1","action":"Binding","reason":"Scheduled",
      "regarding":{"kind":"Pod","namespace":"default","name":"web-2"},
      "note":"Successfully assigned default/web-2 to node-2","type":"Normal",
      "series":{"count":2,"lastObservedTime":"2026-12-01T10:01:00.000000Z"}})");
  INFO(created.body);
  REQUIRE(created.status == 201);
  CHECK(JsonString(ParseJson(created.body), "/apiVersion") == "events.k8s.io/v1");
  rapidjson::Document as_core = ParseJson(client.Get(std::string(kCore) + "/scheduled").body);
  CHECK(JsonString(as_core, "/message") == "Successfully assigned default/web-2 to node-2");
  CHECK(JsonString(as_core, "/involvedObject/name") == "web-2");
  CHECK(JsonString(as_core, "/reportingComponent") == "default-scheduler");
  CHECK(JsonString(as_core, "/eventTime") == "2026-12-01T10:00:00.123456Z");
  CHECK(as_core["series"]["count"].GetInt() == 2);

  // Lists, field selectors (the core Event's) and updates through the new version.
  HttpResult listed = client.Get(std::string(kNew) + "?fieldSelector=involvedObject.name%3Dweb-2");
  REQUIRE(listed.status == 200);
  rapidjson::Document list = ParseJson(listed.body);
  CHECK(JsonString(list, "/kind") == "EventList");
  CHECK(JsonString(list, "/apiVersion") == "events.k8s.io/v1");
  REQUIRE(list["items"].Size() == 1);
  CHECK(JsonString(list["items"][0], "/note") == "Successfully assigned default/web-2 to node-2");

  rapidjson::Document current = ParseJson(client.Get(std::string(kNew) + "/scheduled").body);
  std::string version = JsonString(current, "/metadata/resourceVersion");
  HttpResult patched = client.Patch(std::string(kNew) + "/scheduled",
                                    R"({"note":"Rescheduled","series":{"count":3}})",
                                    "application/merge-patch+json");
  INFO(patched.body);
  REQUIRE(patched.status == 200);
  CHECK(JsonString(ParseJson(patched.body), "/note") == "Rescheduled");
  CHECK(JsonString(ParseJson(patched.body), "/metadata/resourceVersion") != version);
  CHECK(JsonString(ParseJson(client.Get(std::string(kCore) + "/scheduled").body), "/message") ==
        "Rescheduled");

  // One watch per version sees the same change, each in its own form.
  HttpResult watched = client.Get(std::string(kNew) +
                                  "?watch=1&sendInitialEvents=true&resourceVersionMatch="
                                  "NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=1");
  CHECK(Contains(watched.body, "\"type\":\"ADDED\",\"object\":{\"kind\":\"Event\","
                               "\"apiVersion\":\"events.k8s.io/v1\""));
  CHECK(Contains(watched.body, "\"note\":\"Rescheduled\""));
  CHECK(Contains(watched.body, "\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"Event\","
                               "\"apiVersion\":\"events.k8s.io/v1\""));

  // events.k8s.io/v1's stricter rules, named as upstream names them.
  HttpResult invalid = client.Post(kNew, R"({"metadata":{"name":"x"},"type":"Odd",
      "deprecatedCount":2})");
  INFO(invalid.body);
  CHECK(invalid.status == 422);
  for (const char* message :
       {"Event.events.k8s.io \\\"x\\\" is invalid", "reportingController: Required value",
        "action: Required value", "eventTime: Required value",
        "type: Invalid value: \\\"\\\": has invalid value: Odd",
        "count: Invalid value: \\\"\\\": needs to be unset"}) {
    CHECK(Contains(invalid.body, message));
  }
  // The same object is a valid old-style core/v1 Event.
  CHECK(client.Post(kCore, R"({"metadata":{"name":"x"},"type":"Odd","count":2})").status == 201);

  REQUIRE(client.Delete(std::string(kNew) + "/started").status == 200);
  CHECK(client.Get(std::string(kCore) + "/started").status == 404);
}

TEST_CASE("kubectl lists events.k8s.io Events", "[events]") {
  REQUIRE_KUBECTL();
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  ApiClient client(server);
  REQUIRE(client.Post(kCore, R"({"metadata":{"name":"e1"},"involvedObject":{"kind":"Pod","name":"p"},
      "reason":"Pulled","message":"pulled","type":"Normal"})").status == 201);
  Kubectl kubectl(server);
  CommandResult resources = kubectl.Run({"api-resources", "--api-group=events.k8s.io"});
  INFO(resources.err);
  CHECK(Contains(resources.out, "events.k8s.io/v1"));
  CommandResult listed = kubectl.Run({"get", "events.v1.events.k8s.io", "-o", "name"});
  INFO(listed.err);
  CHECK(listed.exit_code == 0);
  CHECK(listed.out == "event.events.k8s.io/e1\n");
  // The core Event's table, as upstream prints every version of a resource.
  CommandResult table = kubectl.Run({"get", "events.v1.events.k8s.io"});
  INFO(table.err);
  CHECK(Words(LineWith(table.out, "LAST SEEN")) ==
        std::vector<std::string>{"LAST", "SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"});
  CHECK(Contains(LineWith(table.out, "Pulled"), "Normal   Pulled   pod/p    pulled"));
}

}  // namespace
}  // namespace kube::testing
