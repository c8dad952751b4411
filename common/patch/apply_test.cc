#include "common/patch/apply.h"

#include <catch2/catch.hpp>

#include "common/api/custom_resource_types.h"
#include "common/patch/test_util.h"
#include "k8s/apps/v1/apps.pb.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::patch {
namespace {

using testing::Json;
using testing::SameJson;
using testing::Text;
using testing::kDeployment;

constexpr char kT1[] = "2024-05-01T10:00:00Z";
constexpr char kT2[] = "2024-05-01T11:00:00Z";

constexpr char kManifest[] = R"({"apiVersion":"apps/v1","kind":"Deployment",
  "metadata":{"name":"web","namespace":"default","labels":{"app":"web"}},
  "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
    "template":{"metadata":{"labels":{"app":"web"}},
      "spec":{"containers":[{"name":"web","image":"nginx:1.25","ports":[{"containerPort":80}]}]}}}})";

rapidjson::Document Apply(const rapidjson::Value* live, std::string_view config,
                          const std::string& manager = "kubectl", bool force = false,
                          const char* now = kT1) {
  absl::StatusOr<ApplyResult> result =
      ServerSideApply(live, Json(config), manager, force, kDeployment, "apps/v1", now);
  INFO(result.status());
  REQUIRE(result.ok());
  return std::move(result->object);
}

const rapidjson::Value& Managed(const rapidjson::Value& object) {
  return object["metadata"]["managedFields"];
}

// The fieldsV1 of `manager`'s entry, as text.
std::string FieldsOf(const rapidjson::Value& object, std::string_view manager) {
  for (const auto& entry : Managed(object).GetArray()) {
    if (internal::View(entry["manager"]) == manager) return Text(entry["fieldsV1"]);
  }
  return "<none>";
}

TEST_CASE("Server-side apply creates the object and records its fields", "[patch][apply]") {
  rapidjson::Document object = Apply(nullptr, kManifest);
  rapidjson::Document expected = Json(kManifest);
  rapidjson::Document without = Json(Text(object));
  internal::RemoveMember(without["metadata"], "managedFields");
  CHECK(internal::JsonEqual(without, expected));
  REQUIRE(Managed(object).Size() == 1);
  const rapidjson::Value& entry = Managed(object)[0];
  CHECK(SameJson(entry, R"({"manager":"kubectl","operation":"Apply","apiVersion":"apps/v1",
    "time":"2024-05-01T10:00:00Z","fieldsType":"FieldsV1","fieldsV1":
    {"f:metadata":{"f:labels":{"f:app":{}}},
     "f:spec":{"f:replicas":{},"f:selector":{"f:matchLabels":{"f:app":{}}},
       "f:template":{"f:metadata":{"f:labels":{"f:app":{}}},
         "f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:image":{},"f:name":{},
           "f:ports":{"k:{\"containerPort\":80}":{".":{},"f:containerPort":{}}}}}}}}}})"));
  // upstream's key order: members, "." first.
  CHECK(Text(entry["fieldsV1"]["f:spec"]["f:template"]["f:spec"]["f:containers"]) ==
        R"({"k:{\"name\":\"web\"}":{".":{},"f:image":{},"f:name":{},"f:ports":{"k:{\"containerPort\":80}":{".":{},"f:containerPort":{}}}}})");
}

TEST_CASE("Re-applying changes fields and removes the ones no longer applied",
          "[patch][apply]") {
  rapidjson::Document live = Apply(nullptr, kManifest);
  // The live object has gained server-set fields meanwhile.
  live["spec"].AddMember("progressDeadlineSeconds", 600, live.GetAllocator());
  const char* second = R"({"apiVersion":"apps/v1","kind":"Deployment",
    "metadata":{"name":"web"},"spec":{"selector":{"matchLabels":{"app":"web"}},
      "template":{"metadata":{"labels":{"app":"web"}},
        "spec":{"containers":[{"name":"web","image":"nginx:1.26"}]}}}})";
  rapidjson::Document object = Apply(&live, second, "kubectl", false, kT2);
  CHECK_FALSE(object["spec"].HasMember("replicas"));
  CHECK_FALSE(object["metadata"].HasMember("labels"));
  CHECK(object["spec"]["progressDeadlineSeconds"].GetInt() == 600);  // nobody's: kept
  CHECK(SameJson(object["spec"]["template"]["spec"]["containers"],
                 R"([{"name":"web","image":"nginx:1.26"}])"));
  CHECK(internal::View(Managed(object)[0]["time"]) == kT2);
  // Applying the same again changes nothing, not even the time.
  rapidjson::Document again = Apply(&object, second, "kubectl", false, "2030-01-01T00:00:00Z");
  INFO(Text(object) << "\n" << Text(again));
  CHECK(internal::JsonEqual(again, object));
  CHECK(internal::View(Managed(again)[0]["time"]) == kT2);
}

TEST_CASE("Applying over another manager's change is a conflict", "[patch][apply]") {
  rapidjson::Document live = Apply(nullptr, kManifest);
  // kubectl edit sets replicas to 5.
  rapidjson::Document edited = Json(Text(live));
  edited["spec"]["replicas"] = 5;
  REQUIRE(TrackUpdate(edited, &live, "kubectl-edit", kDeployment, "apps/v1", kT2).ok());
  CHECK(FieldsOf(edited, "kubectl-edit") == R"({"f:spec":{"f:replicas":{}}})");
  CHECK(FieldsOf(edited, "kubectl").find("f:replicas") == std::string::npos);

  // Re-applying replicas: 2 conflicts with the editor.
  absl::StatusOr<ApplyResult> result =
      ServerSideApply(&edited, Json(kManifest), "kubectl", false, kDeployment, "apps/v1", kT2);
  CHECK(result.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(result.status().message() ==
        "Apply failed with 1 conflict: conflict with \"kubectl-edit\" using apps/v1: .spec.replicas");

  // Applying the value the editor set shares the field instead.
  std::string same = kManifest;
  same.replace(same.find("\"replicas\":2"), 12, "\"replicas\":5");
  rapidjson::Document shared = Apply(&edited, same);
  CHECK(FieldsOf(shared, "kubectl-edit") == R"({"f:spec":{"f:replicas":{}}})");

  // force takes the field over.
  rapidjson::Document forced = Apply(&edited, kManifest, "kubectl", true);
  CHECK(forced["spec"]["replicas"].GetInt() == 2);
  CHECK(FieldsOf(forced, "kubectl-edit") == "<none>");
  CHECK(Managed(forced).Size() == 1);
}

TEST_CASE("Conflicts with several fields and managers are listed", "[patch][apply]") {
  rapidjson::Document live = Apply(nullptr, kManifest, "a");
  absl::StatusOr<ApplyResult> result = ServerSideApply(
      &live, Json(R"({"metadata":{"name":"web","labels":{"app":"x"}},"spec":{"replicas":3}})"), "b",
      false, kDeployment, "apps/v1", kT2);
  CHECK(result.status().message() ==
        "Apply failed with 2 conflicts: conflicts with \"a\":\n- .metadata.labels.app\n- .spec.replicas");
}

TEST_CASE("Fields owned by others survive an applier dropping them", "[patch][apply]") {
  rapidjson::Document live = Apply(nullptr, kManifest);
  // kubectl label adds a label; another applier owns a sidecar container.
  rapidjson::Document labeled = Json(Text(live));
  labeled["metadata"]["labels"].AddMember("tier", "front", labeled.GetAllocator());
  REQUIRE(TrackUpdate(labeled, &live, "kubectl-label", kDeployment, "apps/v1", kT2).ok());
  CHECK(FieldsOf(labeled, "kubectl-label") == R"({"f:metadata":{"f:labels":{"f:tier":{}}}})");
  rapidjson::Document two = Apply(&labeled, R"({"metadata":{"name":"web"},"spec":{"template":
      {"spec":{"containers":[{"name":"side","image":"busybox"}]}}}})",
                                  "sidecar-injector");
  CHECK(two["spec"]["template"]["spec"]["containers"].Size() == 2);

  // kubectl now applies without labels and without its container.
  rapidjson::Document object = Apply(&two, R"({"metadata":{"name":"web"},"spec":{"replicas":2,
      "selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}}}}})");
  CHECK(SameJson(object["metadata"]["labels"], R"({"tier":"front"})"));
  CHECK(SameJson(object["spec"]["template"]["spec"]["containers"],
                 R"([{"name":"side","image":"busybox"}])"));
}

// structured-merge-diff's order: a live-only item keeps its place; shared items follow
// the configuration.
TEST_CASE("Apply merges lists by key in the configuration's order", "[patch][apply]") {
  rapidjson::Document live = Json(R"({"metadata":{"name":"web"},"spec":{"template":{"spec":
      {"containers":[{"name":"a","image":"1"},{"name":"b","image":"2"},{"name":"c","image":"3"}]}}}})");
  // Forced: the untracked live object's fields belong to "before-first-apply".
  rapidjson::Document object = Apply(&live, R"({"metadata":{"name":"web"},"spec":{"template":{"spec":
      {"containers":[{"name":"c","image":"3"},{"name":"n","image":"9"},{"name":"a","image":"1x"}]}}}})",
      "kubectl", /*force=*/true);
  CHECK(SameJson(object["spec"]["template"]["spec"]["containers"],
                 R"([{"name":"b","image":"2"},{"name":"c","image":"3"},{"name":"n","image":"9"},)"
                 R"({"name":"a","image":"1x"}])"));
}

// An object written before anyone tracked fields: its fields are "before-first-apply"'s
// (status excepted), so the first apply conflicts only where it changes a value.
TEST_CASE("The first apply to an untracked object meets before-first-apply", "[patch][apply]") {
  rapidjson::Document live = Json(R"({"metadata":{"name":"web","labels":{"app":"web"}},
      "spec":{"replicas":3,"paused":true},"status":{"replicas":3}})");
  absl::StatusOr<ApplyResult> conflict = ServerSideApply(
      &live, Json(R"({"metadata":{"name":"web"},"spec":{"replicas":5}})"), "helm", false,
      kDeployment, "apps/v1", kT1);
  REQUIRE(!conflict.ok());
  CHECK(conflict.status().message() ==
        "Apply failed with 1 conflict: conflict with \"before-first-apply\" using apps/v1: "
        ".spec.replicas");
  // The same value is no conflict: the applier shares the field.
  rapidjson::Document same = Apply(&live, R"({"metadata":{"name":"web"},"spec":{"replicas":3}})", "helm");
  CHECK(FieldsOf(same, "before-first-apply") ==
        R"({"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:paused":{},"f:replicas":{}}})");
  CHECK(FieldsOf(same, "helm") == R"({"f:spec":{"f:replicas":{}}})");
}

TEST_CASE("Updates record what they change", "[patch][apply]") {
  rapidjson::Document created = Json(kManifest);
  REQUIRE(TrackUpdate(created, nullptr, "kubectl-create", kDeployment, "apps/v1", kT1).ok());
  // Maps, lists and pointer structs that appear are owned themselves ("."); structs
  // that Go always has (spec, template) are not.
  CHECK(FieldsOf(created, "kubectl-create") ==
        R"({"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:replicas":{},)"
        R"("f:selector":{".":{},"f:matchLabels":{".":{},"f:app":{}}},"f:template":{"f:metadata":)"
        R"({"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":)"
        R"({".":{},"f:image":{},"f:name":{},"f:ports":{".":{},"k:{\"containerPort\":80}":)"
        R"({".":{},"f:containerPort":{}}}}}}}}})");

  // A no-op update adds no entry; a status writer gets its own.
  rapidjson::Document same = Json(Text(created));
  REQUIRE(TrackUpdate(same, &created, "kube-controller-manager", kDeployment, "apps/v1", kT2).ok());
  CHECK(Managed(same).Size() == 1);
  same.AddMember("status", internal::Copy(Json(R"({"replicas":2})"), same.GetAllocator()),
                 same.GetAllocator());
  REQUIRE(TrackUpdate(same, &created, "kube-controller-manager", kDeployment, "apps/v1", kT2).ok());
  CHECK(FieldsOf(same, "kube-controller-manager") == R"({"f:status":{"f:replicas":{}}})");
  rapidjson::Document scaled = Json(Text(same));
  scaled["status"]["replicas"] = 3;
  REQUIRE(TrackUpdate(scaled, &same, "kube-controller-manager", kDeployment, "apps/v1", kT2, "status").ok());
  // The field moves to the status writer's entry; the emptied one goes.
  REQUIRE(Managed(scaled).Size() == 2);
  CHECK(internal::View(Managed(scaled)[1]["subresource"]) == "status");
  CHECK(FieldsOf(scaled, "kube-controller-manager") == R"({"f:status":{"f:replicas":{}}})");

  // Removing a field takes it from its owner; [{}] clears everything.
  rapidjson::Document removed = Json(Text(same));
  internal::RemoveMember(removed["spec"], "replicas");
  REQUIRE(TrackUpdate(removed, &same, "kubectl-edit", kDeployment, "apps/v1", kT2).ok());
  CHECK(FieldsOf(removed, "kubectl-create").find("f:replicas") == std::string::npos);
  CHECK(FieldsOf(removed, "kubectl-edit") == "<none>");
  removed["metadata"]["managedFields"] = internal::Copy(Json("[{}]"), removed.GetAllocator());
  REQUIRE(TrackUpdate(removed, &same, "kubectl-edit", kDeployment, "apps/v1", kT2).ok());
  CHECK_FALSE(removed["metadata"].HasMember("managedFields"));
}

TEST_CASE("Many updaters are folded into ancient-changes", "[patch][apply]") {
  rapidjson::Document object = Json(R"({"metadata":{"name":"web","labels":{}}})");
  for (int i = 0; i < 12; ++i) {
    rapidjson::Document next = Json(Text(object));
    const std::string key = "k" + std::to_string(i);
    rapidjson::Value name = internal::MakeString(key, next.GetAllocator());
    next["metadata"]["labels"].AddMember(name, "v", next.GetAllocator());
    const std::string time = "2024-05-01T10:00:" + std::string(i < 10 ? "0" : "") + std::to_string(i) + "Z";
    REQUIRE(TrackUpdate(next, &object, "m" + std::to_string(i), kDeployment, "apps/v1", time).ok());
    object = std::move(next);
  }
  CHECK(Managed(object).Size() == 10);
  CHECK(FieldsOf(object, "ancient-changes").find("f:k0") != std::string::npos);
}

TEST_CASE("Apply refuses bad configurations", "[patch][apply]") {
  struct Case {
    const char* config;
    const char* message;
  };
  const Case cases[] = {
      {R"({"spec":{"replicas":1,"bogus":true}})",
       "failed to create typed patch object (apps/v1, Kind=Deployment): .spec.bogus: field not declared in schema"},
      {R"({"spec":{"template":{"spec":{"containers":[{"name":"a"},{"name":"a"}]}}}})",
       "failed to create typed patch object (apps/v1, Kind=Deployment): .spec.template.spec.containers: "
       "duplicate entries for key [name=\"a\"]"},
      {R"({"spec":{"template":{"spec":{"containers":[{"image":"a"}]}}}})",
       "failed to create typed patch object (apps/v1, Kind=Deployment): .spec.template.spec.containers: "
       "element 0: associative list with keys has an element that omits key field \"name\" (and doesn't have default value)"},
      {R"({"metadata":{"managedFields":[]}})", "metadata.managedFields must be nil"},
  };
  for (const Case& c : cases) {
    absl::StatusOr<ApplyResult> result =
        ServerSideApply(nullptr, Json(c.config), "kubectl", false, kDeployment, "apps/v1", kT1);
    CHECK(result.status().code() == absl::StatusCode::kInvalidArgument);
    CHECK(result.status().message() == c.message);
  }
  CHECK(ServerSideApply(nullptr, Json("{}"), "", false, kDeployment, "apps/v1", kT1).status().code() ==
        absl::StatusCode::kInvalidArgument);
}

TEST_CASE("ParseApplyBody reads the YAML kubectl sends", "[patch][apply]") {
  absl::StatusOr<rapidjson::Document> body =
      ParseApplyBody("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n");
  REQUIRE(body.ok());
  CHECK(SameJson(*body, R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"}})"));
  CHECK(ParseApplyBody(R"({"kind":"Pod"})").ok());
  CHECK_FALSE(ParseApplyBody("a: 1\n---\nb: 2\n").ok());
  CHECK_FALSE(ParseApplyBody("[1]").ok());
}

}  // namespace
}  // namespace kube::patch

namespace kube::patch {
namespace {

TEST_CASE("A custom resource's content is tracked field by field, lists atomic",
          "[patch][apply]") {
  absl::StatusOr<api::CustomResourceTypes> types =
      api::TypesFor("stable.example.com", "v1", "CronTab", "CronTabList");
  REQUIRE(types.ok());
  const google::protobuf::Descriptor* type = types->prototype->GetDescriptor();
  rapidjson::Document applied = testing::Json(R"({"apiVersion":"stable.example.com/v1",
    "kind":"CronTab","metadata":{"name":"c"},
    "spec":{"cronSpec":"* * * * *","args":["a","b"],"nested":{"x":1}}})");
  absl::StatusOr<ApplyResult> created = ServerSideApply(
      nullptr, applied, "kubectl", false, type, "stable.example.com/v1", "2024-05-01T10:00:00Z");
  REQUIRE(created.ok());
  // Deduced, as structured-merge-diff sees schemaless objects: nested objects are maps
  // (with their "." entry); upstream would read struct-like properties from the CRD's
  // schema instead.
  CHECK(testing::Text(created->object["metadata"]["managedFields"][0]["fieldsV1"]) ==
        R"({"f:spec":{"f:args":{},"f:cronSpec":{},"f:nested":{".":{},"f:x":{}}}})");

  // Another writer changes one nested field: only that field moves to it.
  rapidjson::Document edited = testing::Json(testing::Text(created->object));
  edited["spec"]["nested"]["x"] = 2;
  REQUIRE(TrackUpdate(edited, &created->object, "editor", type, "stable.example.com/v1",
                      "2024-05-01T10:01:00Z")
              .ok());
  std::string editor;
  for (const auto& entry : edited["metadata"]["managedFields"].GetArray()) {
    if (std::string_view(entry["manager"].GetString()) == "editor") {
      editor = testing::Text(entry["fieldsV1"]);
    }
  }
  CHECK(editor == R"({"f:spec":{"f:nested":{"f:x":{}}}})");
}

}  // namespace
}  // namespace kube::patch
