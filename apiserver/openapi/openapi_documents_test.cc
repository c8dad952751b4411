#include "apiserver/openapi/openapi_documents.h"

#include <memory>
#include <string>

#include <catch2/catch.hpp>
#include <rapidjson/document.h>

#include "apiserver/openapi/gnostic_v2.pb.h"
#include "k8s/apps/v1/apps.pb.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver {
namespace {

ResourceInfo Info(std::string group, std::string kind, std::string resource, bool namespaced,
                  const google::protobuf::Message& prototype,
                  const google::protobuf::Message& list_prototype) {
  ResourceInfo info;
  info.group = std::move(group);
  info.version = "v1";
  info.kind = std::move(kind);
  info.resource = std::move(resource);
  info.namespaced = namespaced;
  info.prototype = &prototype;
  info.list_prototype = &list_prototype;
  info.subresources.status = true;
  info.strategy = std::make_unique<Strategy>();
  return info;
}

ResourceRegistry TestRegistry() {
  namespace core = k8s::core::v1;
  ResourceRegistry registry;
  ResourceInfo pods = Info("", "Pod", "pods", true, core::Pod::default_instance(),
                           core::PodList::default_instance());
  pods.subresources.log = pods.subresources.exec = true;
  pods.subresources.binding = pods.subresources.eviction = true;
  registry.Add(std::move(pods));
  registry.Add(Info("", "Service", "services", true, core::Service::default_instance(),
                    core::ServiceList::default_instance()));
  registry.Add(Info("", "Namespace", "namespaces", false, core::Namespace::default_instance(),
                    core::NamespaceList::default_instance()));
  ResourceInfo deployments =
      Info("apps", "Deployment", "deployments", true, k8s::apps::v1::Deployment::default_instance(),
           k8s::apps::v1::DeploymentList::default_instance());
  deployments.subresources.scale = true;
  registry.Add(std::move(deployments));
  return registry;
}

const OpenApiDocuments& Documents() {
  static const ResourceRegistry* registry = new ResourceRegistry(TestRegistry());
  static const OpenApiDocuments* documents = new OpenApiDocuments(*registry);
  return *documents;
}

rapidjson::Document Parse(const std::string& text) {
  rapidjson::Document document;
  document.Parse(text.c_str(), text.size());
  REQUIRE_FALSE(document.HasParseError());
  return document;
}

std::string Str(const rapidjson::Value& value) {
  return value.IsString() ? std::string(value.GetString(), value.GetStringLength()) : "";
}

// What kubectl looks for before it lets the server validate: a patch operation of the
// kind that lists fieldValidation. kubectl stops at the first such operation in random
// map order, so every one of them must list it. Returns how many there are.
int PatchOperationsWithFieldValidation(const rapidjson::Document& document,
                                       const std::string& group, const std::string& kind) {
  int count = 0;
  for (const auto& path : document["paths"].GetObject()) {
    if (!path.value.HasMember("patch")) continue;
    const rapidjson::Value& patch = path.value["patch"];
    const rapidjson::Value& gvk = patch["x-kubernetes-group-version-kind"];
    if (Str(gvk["group"]) != group || Str(gvk["version"]) != "v1" || Str(gvk["kind"]) != kind) {
      continue;
    }
    bool found = false;
    for (const auto& parameter : patch["parameters"].GetArray()) {
      found |= Str(parameter["name"]) == "fieldValidation" && Str(parameter["in"]) == "query";
    }
    INFO(path.name.GetString());
    CHECK(found);
    ++count;
  }
  return count;
}

TEST_CASE("the v3 index lists each group-version with its hash") {
  const OpenApiDocuments& documents = Documents();
  rapidjson::Document index = Parse(documents.V3Index());
  const rapidjson::Value& paths = index["paths"];
  REQUIRE(paths.MemberCount() == 2);
  for (const char* key : {"api/v1", "apis/apps/v1"}) {
    INFO(key);
    REQUIRE(paths.HasMember(key));
    const std::string* hash = documents.V3Hash(key);
    REQUIRE(hash != nullptr);
    CHECK(hash->size() == 32);
    CHECK(Str(paths[key]["serverRelativeURL"]) ==
          "/openapi/v3/" + std::string(key) + "?hash=" + *hash);
    REQUIRE(documents.V3Document(key) != nullptr);
  }
  CHECK(*documents.V3Hash("api/v1") != *documents.V3Hash("apis/apps/v1"));
  CHECK(documents.V3Document("apis/batch/v1") == nullptr);
  CHECK(documents.V3Hash("apis/batch/v1") == nullptr);
  // Stable across builds from the same registry.
  ResourceRegistry registry = TestRegistry();
  CHECK(OpenApiDocuments(registry).V3Index() == documents.V3Index());
}

TEST_CASE("v3 documents have a patch operation with fieldValidation per kind") {
  rapidjson::Document core = Parse(*Documents().V3Document("api/v1"));
  CHECK(Str(core["openapi"]) == "3.0.0");
  CHECK(Str(core["info"]["title"]) == "Kubernetes");
  CHECK(PatchOperationsWithFieldValidation(core, "", "Pod") == 2);  // pod and pods/status
  CHECK(PatchOperationsWithFieldValidation(core, "", "Service") == 2);
  CHECK(PatchOperationsWithFieldValidation(core, "", "Namespace") == 2);
  rapidjson::Document apps = Parse(*Documents().V3Document("apis/apps/v1"));
  CHECK(PatchOperationsWithFieldValidation(apps, "apps", "Deployment") == 2);
  CHECK(PatchOperationsWithFieldValidation(apps, "autoscaling", "Scale") == 1);
  CHECK(PatchOperationsWithFieldValidation(apps, "", "Pod") == 0);
}

TEST_CASE("v3 paths and operations follow upstream") {
  rapidjson::Document core = Parse(*Documents().V3Document("api/v1"));
  const rapidjson::Value& paths = core["paths"];
  REQUIRE(paths.HasMember("/api/v1/namespaces/{namespace}/pods/{name}"));
  REQUIRE(paths.HasMember("/api/v1/namespaces/{namespace}/pods"));
  REQUIRE(paths.HasMember("/api/v1/pods"));
  REQUIRE(paths.HasMember("/api/v1/namespaces/{name}"));
  REQUIRE(paths.HasMember("/api/v1/namespaces"));
  CHECK_FALSE(paths.HasMember("/api/v1/namespaces/{namespace}/namespaces"));

  const rapidjson::Value& item = paths["/api/v1/namespaces/{namespace}/pods/{name}"];
  for (const char* method : {"get", "put", "delete", "patch"}) CHECK(item.HasMember(method));
  const rapidjson::Value& patch = item["patch"];
  CHECK(Str(patch["operationId"]) == "patchCoreV1NamespacedPod");
  CHECK(Str(patch["x-kubernetes-action"]) == "patch");
  const rapidjson::Value& content = patch["requestBody"]["content"];
  for (const char* type :
       {"application/json-patch+json", "application/merge-patch+json",
        "application/strategic-merge-patch+json", "application/apply-patch+yaml"}) {
    INFO(type);
    REQUIRE(content.HasMember(type));
    CHECK(Str(content[type]["schema"]["$ref"]) ==
          "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Patch");
  }
  CHECK(Str(patch["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]) ==
        "#/components/schemas/io.k8s.api.core.v1.Pod");

  const rapidjson::Value& collection = paths["/api/v1/namespaces/{namespace}/pods"];
  CHECK(Str(collection["get"]["x-kubernetes-action"]) == "list");
  CHECK(Str(collection["post"]["operationId"]) == "createCoreV1NamespacedPod");
  CHECK(Str(collection["delete"]["operationId"]) == "deleteCoreV1CollectionNamespacedPod");
  bool post_has_field_validation = false;
  for (const auto& parameter : collection["post"]["parameters"].GetArray()) {
    post_has_field_validation |= Str(parameter["name"]) == "fieldValidation";
  }
  CHECK(post_has_field_validation);
  CHECK(Str(paths["/api/v1/namespaces/{name}"]["patch"]["operationId"]) == "patchCoreV1Namespace");
  CHECK(paths.HasMember("/api/v1/namespaces/{namespace}/pods/{name}/log"));
  CHECK(paths.HasMember("/api/v1/namespaces/{namespace}/pods/{name}/eviction"));

  const rapidjson::Value& schemas = core["components"]["schemas"];
  for (const char* name :
       {"io.k8s.api.core.v1.Pod", "io.k8s.api.core.v1.PodList", "io.k8s.api.core.v1.Service",
        "io.k8s.api.core.v1.Namespace", "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
        "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions",
        "io.k8s.apimachinery.pkg.apis.meta.v1.Status", "io.k8s.apimachinery.pkg.apis.meta.v1.Patch",
        "io.k8s.api.policy.v1.Eviction", "io.k8s.api.core.v1.Binding"}) {
    INFO(name);
    CHECK(schemas.HasMember(name));
  }
  const rapidjson::Value& containers =
      schemas["io.k8s.api.core.v1.PodSpec"]["properties"]["containers"];
  CHECK(Str(containers["type"]) == "array");
  CHECK(Str(containers["items"]["allOf"][0]["$ref"]) ==
        "#/components/schemas/io.k8s.api.core.v1.Container");
  CHECK(Str(containers["x-kubernetes-patch-merge-key"]) == "name");
  rapidjson::Document apps = Parse(*Documents().V3Document("apis/apps/v1"));
  CHECK(apps["components"]["schemas"].HasMember("io.k8s.api.apps.v1.Deployment"));
  CHECK(apps["components"]["schemas"].HasMember("io.k8s.api.autoscaling.v1.Scale"));
  CHECK(apps["paths"].HasMember("/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale"));
}

TEST_CASE("v2 JSON is swagger 2.0 with every group") {
  rapidjson::Document swagger = Parse(Documents().V2Json());
  CHECK(Str(swagger["swagger"]) == "2.0");
  CHECK(swagger["paths"].HasMember("/api/v1/namespaces/{namespace}/pods/{name}"));
  CHECK(swagger["paths"].HasMember("/apis/apps/v1/namespaces/{namespace}/deployments/{name}"));
  const rapidjson::Value& patch =
      swagger["paths"]["/api/v1/namespaces/{namespace}/pods/{name}"]["patch"];
  CHECK(patch["consumes"].Size() == 4);
  CHECK(Str(patch["parameters"][0]["in"]) == "body");
  CHECK(swagger["definitions"].HasMember("io.k8s.api.apps.v1.Deployment"));
  CHECK(Str(swagger["definitions"]["io.k8s.api.core.v1.Pod"]["properties"]["spec"]["$ref"]) ==
        "#/definitions/io.k8s.api.core.v1.PodSpec");
}

const ::openapi::v2::NamedSchema* FindDefinition(const ::openapi::v2::Document& document,
                                                 const std::string& name) {
  for (const auto& named : document.definitions().additional_properties()) {
    if (named.name() == name) return &named;
  }
  return nullptr;
}

TEST_CASE("v2 protobuf decodes as gnostic's Document") {
  ::openapi::v2::Document document;
  REQUIRE(document.ParseFromString(Documents().V2Protobuf()));
  CHECK(document.swagger() == "2.0");
  CHECK(document.info().title() == "Kubernetes");
  CHECK(document.paths().path_size() > 10);

  const auto* pod = FindDefinition(document, "io.k8s.api.core.v1.Pod");
  REQUIRE(pod != nullptr);
  REQUIRE(pod->value().vendor_extension_size() == 1);
  CHECK(pod->value().vendor_extension(0).name() == "x-kubernetes-group-version-kind");
  CHECK(pod->value().vendor_extension(0).value().yaml() ==
        R"([{"group":"","kind":"Pod","version":"v1"}])");

  const auto* spec = FindDefinition(document, "io.k8s.api.core.v1.PodSpec");
  REQUIRE(spec != nullptr);
  const ::openapi::v2::Schema* containers = nullptr;
  for (const auto& property : spec->value().properties().additional_properties()) {
    if (property.name() == "containers") containers = &property.value();
  }
  REQUIRE(containers != nullptr);
  CHECK(containers->type().value(0) == "array");
  REQUIRE(containers->items().schema_size() == 1);
  CHECK(containers->items().schema(0)._ref() == "#/definitions/io.k8s.api.core.v1.Container");
  bool merge_key = false;
  for (const auto& extension : containers->vendor_extension()) {
    merge_key |= extension.name() == "x-kubernetes-patch-merge-key" &&
                 extension.value().yaml() == "\"name\"";
  }
  CHECK(merge_key);

  const auto* quantity = FindDefinition(document, "io.k8s.apimachinery.pkg.api.resource.Quantity");
  REQUIRE(quantity != nullptr);
  CHECK(quantity->value().type().value(0) == "string");
}

}  // namespace
}  // namespace kube::apiserver
