#include <rapidjson/document.h>

#include <catch2/catch.hpp>
#include <memory>
#include <string>

#include "apiserver/openapi/custom_resource_test_types.h"
#include "apiserver/openapi/gnostic_v2.pb.h"
#include "apiserver/openapi/openapi_documents.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver {
namespace {

constexpr char kSchema[] =
    R"({"type":"object","properties":{"spec":{"type":"object","description":"The spec.",)"
    R"("properties":{"cronSpec":{"type":"string","description":"When.","pattern":"^\\S+$"},)"
    R"("replicas":{"type":"integer","minimum":0,"nullable":true,"multipleOf":0.5},)"
    R"("mode":{"type":"string","enum":["a","b"],"anyOf":[{"enum":["a"]},{"enum":["b"]}]}}}}})";

ResourceRegistry Registry(const openapi::testing::CustomResourceTestTypes& types) {
  ResourceRegistry registry;
  ResourceInfo pods;
  pods.version = "v1";
  pods.kind = "Pod";
  pods.resource = "pods";
  pods.prototype = &k8s::core::v1::Pod::default_instance();
  pods.list_prototype = &k8s::core::v1::PodList::default_instance();
  pods.strategy = std::make_unique<Strategy>();
  registry.Add(std::move(pods));
  ResourceInfo crontabs = types.Info("CronTab", "crontabs", kSchema);
  crontabs.subresources.status = crontabs.subresources.scale = true;
  registry.Add(std::move(crontabs));
  return registry;
}

rapidjson::Document ParseDocument(const std::string& text) {
  rapidjson::Document document;
  document.Parse(text.c_str(), text.size());
  REQUIRE_FALSE(document.HasParseError());
  return document;
}

std::string Text(const rapidjson::Value& value) {
  return value.IsString() ? std::string(value.GetString(), value.GetStringLength()) : "";
}

bool HasParameter(const rapidjson::Value& operation, const char* name) {
  if (!operation.HasMember("parameters")) return false;
  for (const auto& parameter : operation["parameters"].GetArray()) {
    if (Text(parameter["name"]) == name) return true;
  }
  return false;
}

constexpr char kItemPath[] = "/apis/stable.example.com/v1/namespaces/{namespace}/crontabs/{name}";

TEST_CASE("a custom resource gets a v3 document of its group-version") {
  openapi::testing::CustomResourceTestTypes types("CronTab", "CronTabList");
  ResourceRegistry registry = Registry(types);
  OpenApiDocuments documents(registry);
  REQUIRE(ParseDocument(documents.V3Index())["paths"].HasMember("apis/stable.example.com/v1"));
  const std::string* text = documents.V3Document("apis/stable.example.com/v1");
  REQUIRE(text != nullptr);
  rapidjson::Document document = ParseDocument(*text);

  const rapidjson::Value& schemas = document["components"]["schemas"];
  for (const char* name :
       {"com.example.stable.v1.CronTab", "com.example.stable.v1.CronTabList",
        "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
        "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta", "io.k8s.api.autoscaling.v1.Scale"}) {
    INFO(name);
    CHECK(schemas.HasMember(name));
  }
  CHECK_FALSE(schemas.HasMember("io.k8s.api.core.v1.Pod"));
  const rapidjson::Value& spec = schemas["com.example.stable.v1.CronTab"]["properties"]["spec"];
  CHECK(Text(spec["description"]) == "The spec.");
  CHECK(spec["properties"]["replicas"]["nullable"].GetBool());
  CHECK(spec["properties"]["replicas"]["multipleOf"].GetDouble() == 0.5);
  CHECK(spec["properties"]["mode"].HasMember("anyOf"));

  const rapidjson::Value& paths = document["paths"];
  for (const char* path :
       {"/apis/stable.example.com/v1/crontabs",
        "/apis/stable.example.com/v1/namespaces/{namespace}/crontabs", kItemPath,
        "/apis/stable.example.com/v1/namespaces/{namespace}/crontabs/{name}/status",
        "/apis/stable.example.com/v1/namespaces/{namespace}/crontabs/{name}/scale"}) {
    INFO(path);
    CHECK(paths.HasMember(path));
  }
  const rapidjson::Value& patch = paths[kItemPath]["patch"];
  CHECK(Text(patch["operationId"]) == "patchStableExampleComV1NamespacedCronTab");
  CHECK(Text(patch["x-kubernetes-action"]) == "patch");
  CHECK(Text(patch["x-kubernetes-group-version-kind"]["kind"]) == "CronTab");
  CHECK(HasParameter(patch, "fieldValidation"));
  // JSON only: no strategic merge patch, no protobuf.
  CHECK_FALSE(patch["requestBody"]["content"].HasMember("application/strategic-merge-patch+json"));
  CHECK(patch["requestBody"]["content"].HasMember("application/apply-patch+yaml"));
  const rapidjson::Value& ok = patch["responses"]["200"]["content"];
  CHECK_FALSE(ok.HasMember("application/vnd.kubernetes.protobuf"));
  CHECK(Text(ok["application/json"]["schema"]["$ref"]) ==
        "#/components/schemas/com.example.stable.v1.CronTab");
  const rapidjson::Value& list =
      paths["/apis/stable.example.com/v1/namespaces/{namespace}/crontabs"]["get"];
  CHECK(Text(list["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]) ==
        "#/components/schemas/com.example.stable.v1.CronTabList");
  // Upstream's CRD builder gives scale operations the custom resource's kind.
  const rapidjson::Value& scale =
      paths["/apis/stable.example.com/v1/namespaces/{namespace}/crontabs/{name}/scale"]["patch"];
  CHECK(Text(scale["x-kubernetes-group-version-kind"]["kind"]) == "CronTab");
  CHECK(Text(scale["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]) ==
        "#/components/schemas/io.k8s.api.autoscaling.v1.Scale");
}

TEST_CASE("a custom resource is in the v2 document, converted, in JSON and protobuf") {
  openapi::testing::CustomResourceTestTypes types("CronTab", "CronTabList");
  ResourceRegistry registry = Registry(types);
  OpenApiDocuments documents(registry);
  rapidjson::Document swagger = ParseDocument(documents.V2Json());
  const rapidjson::Value& definitions = swagger["definitions"];
  REQUIRE(definitions.HasMember("com.example.stable.v1.CronTab"));
  REQUIRE(definitions.HasMember("com.example.stable.v1.CronTabList"));
  CHECK(definitions.HasMember("io.k8s.api.core.v1.Pod"));
  const rapidjson::Value& spec = definitions["com.example.stable.v1.CronTab"]["properties"]["spec"];
  CHECK_FALSE(spec["properties"]["replicas"].HasMember("nullable"));
  CHECK_FALSE(spec["properties"]["replicas"].HasMember("type"));
  CHECK_FALSE(spec["properties"]["mode"].HasMember("anyOf"));
  const rapidjson::Value& patch = swagger["paths"][kItemPath]["patch"];
  CHECK(HasParameter(patch, "fieldValidation"));
  CHECK(patch["consumes"].Size() == 3);

  ::openapi::v2::Document document;
  REQUIRE(document.ParseFromString(documents.V2Protobuf()));
  const ::openapi::v2::Schema* crontab = nullptr;
  for (const auto& named : document.definitions().additional_properties()) {
    if (named.name() == "com.example.stable.v1.CronTab") crontab = &named.value();
  }
  REQUIRE(crontab != nullptr);
  const ::openapi::v2::Schema* mode = nullptr;
  const ::openapi::v2::Schema* cron_spec = nullptr;
  for (const auto& property : crontab->properties().additional_properties()) {
    if (property.name() != "spec") continue;
    for (const auto& field : property.value().properties().additional_properties()) {
      if (field.name() == "mode") mode = &field.value();
      if (field.name() == "cronSpec") cron_spec = &field.value();
    }
  }
  REQUIRE(mode != nullptr);
  REQUIRE(mode->enum__size() == 2);
  CHECK(mode->enum_(0).yaml() == "\"a\"");
  REQUIRE(cron_spec != nullptr);
  CHECK(cron_spec->description() == "When.");
  CHECK(cron_spec->pattern() == "^\\S+$");
}

TEST_CASE("a rebuild reuses the built-in part and gives the same documents") {
  openapi::testing::CustomResourceTestTypes types("CronTab", "CronTabList");
  ResourceRegistry with_custom = Registry(types);
  ResourceRegistry builtin_only;
  builtin_only.AddShared(with_custom.All().front());  // the same Pod entry
  OpenApiDocuments before(builtin_only);
  CHECK(before.V3Document("apis/stable.example.com/v1") == nullptr);
  CHECK(before.V2Json().find("com.example.stable") == std::string::npos);

  OpenApiDocuments rebuilt(with_custom, &before);
  OpenApiDocuments fresh(with_custom);
  CHECK(rebuilt.V2Json() == fresh.V2Json());
  CHECK(rebuilt.V3Index() == fresh.V3Index());
  CHECK(*rebuilt.V3Document("api/v1") == *before.V3Document("api/v1"));
  CHECK(*rebuilt.V3Document("apis/stable.example.com/v1") ==
        *fresh.V3Document("apis/stable.example.com/v1"));
  ParseDocument(rebuilt.V2Json());

  // The protobuf form is the built-in document with the custom part merged in.
  ::openapi::v2::Document document;
  REQUIRE(document.ParseFromString(rebuilt.V2Protobuf()));
  CHECK(document.swagger() == "2.0");
  int object_meta = 0, crontab = 0, pod = 0;
  for (const auto& named : document.definitions().additional_properties()) {
    object_meta += named.name() == "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
    crontab += named.name() == "com.example.stable.v1.CronTab";
    pod += named.name() == "io.k8s.api.core.v1.Pod";
  }
  CHECK(object_meta == 1);
  CHECK(crontab == 1);
  CHECK(pod == 1);
  bool crontab_path = false;
  for (const auto& path : document.paths().path()) crontab_path |= path.name() == kItemPath;
  CHECK(crontab_path);
  ::openapi::v2::Document fresh_document;
  REQUIRE(fresh_document.ParseFromString(fresh.V2Protobuf()));
  CHECK(document.definitions().additional_properties_size() ==
        fresh_document.definitions().additional_properties_size());
  CHECK(document.paths().path_size() == fresh_document.paths().path_size());

  // Built-in resources that differ (another registry's) are rendered anew.
  ResourceRegistry other = Registry(types);
  OpenApiDocuments unrelated(other, &before);
  CHECK(unrelated.V2Json() == fresh.V2Json());
}

}  // namespace
}  // namespace kube::apiserver
