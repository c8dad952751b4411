#include "apiserver/openapi/schema_builder.h"

#include <string>

#include <catch2/catch.hpp>

#include "k8s/apps/v1/apps.pb.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver::openapi {
namespace {

constexpr const char* kPod = "io.k8s.api.core.v1.Pod";
constexpr const char* kPodSpec = "io.k8s.api.core.v1.PodSpec";
constexpr const char* kContainer = "io.k8s.api.core.v1.Container";
constexpr const char* kIntOrString = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
constexpr const char* kQuantity = "io.k8s.apimachinery.pkg.api.resource.Quantity";
constexpr const char* kTime = "io.k8s.apimachinery.pkg.apis.meta.v1.Time";
constexpr const char* kObjectMeta = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

Json Build(Flavor flavor, const google::protobuf::Descriptor* message) {
  SchemaBuilder builder(flavor);
  builder.Add(message);
  return builder.TakeDefinitions();
}

const Json& At(const Json& json, std::initializer_list<const char*> keys) {
  const Json* current = &json;
  for (const char* key : keys) {
    INFO("key " << key << " in " << current->Dump().substr(0, 300));
    current = current->Find(key);
    REQUIRE(current != nullptr);
  }
  return *current;
}

TEST_CASE("names follow upstream packages") {
  CHECK(DefinitionName(k8s::core::v1::Pod::descriptor()) == kPod);
  CHECK(DefinitionName(k8s::apps::v1::Deployment::descriptor()) == "io.k8s.api.apps.v1.Deployment");
  Json definitions = Build(Flavor::kV3, k8s::core::v1::Pod::descriptor());
  for (const char* name : {kPod, kPodSpec, kContainer, kIntOrString, kQuantity, kTime, kObjectMeta,
                           "io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference",
                           "io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1"}) {
    INFO(name);
    CHECK(definitions.Find(name) != nullptr);
  }
  // Inline members are flattened, not defined on their own.
  CHECK(definitions.Find("io.k8s.api.core.v1.VolumeSource") == nullptr);
}

TEST_CASE("v3 kind schema: typemeta, gvk, allOf references") {
  Json definitions = Build(Flavor::kV3, k8s::core::v1::Pod::descriptor());
  const Json& pod = At(definitions, {kPod});
  CHECK(At(pod, {"type"}).as_string() == "object");
  CHECK(At(pod, {"properties", "apiVersion", "type"}).as_string() == "string");
  CHECK(At(pod, {"properties", "kind", "type"}).as_string() == "string");
  CHECK(At(pod, {"x-kubernetes-group-version-kind"}).Dump() ==
        R"([{"group":"","kind":"Pod","version":"v1"}])");
  CHECK(At(pod, {"properties", "spec"}).Dump() ==
        R"({"allOf":[{"$ref":"#/components/schemas/io.k8s.api.core.v1.PodSpec"}],"default":{}})");

  const Json& containers = At(definitions, {kPodSpec, "properties", "containers"});
  CHECK(At(containers, {"type"}).as_string() == "array");
  CHECK(At(containers, {"x-kubernetes-patch-merge-key"}).as_string() == "name");
  CHECK(At(containers, {"x-kubernetes-patch-strategy"}).as_string() == "merge");
  CHECK(At(containers, {"items", "allOf"}).items().at(0).Find("$ref")->as_string() ==
        "#/components/schemas/io.k8s.api.core.v1.Container");
  CHECK(At(definitions, {kPodSpec, "properties", "volumes", "x-kubernetes-patch-strategy"})
            .as_string() == "merge,retainKeys");
  // A pointer field references without a default.
  CHECK(At(definitions, {kContainer, "properties", "livenessProbe"}).Dump() ==
        R"({"$ref":"#/components/schemas/io.k8s.api.core.v1.Probe"})");
}

TEST_CASE("scalars, maps and inline members") {
  Json definitions = Build(Flavor::kV3, k8s::core::v1::Pod::descriptor());
  const Json& meta = At(definitions, {kObjectMeta, "properties"});
  CHECK(At(meta, {"labels"}).Dump() ==
        R"({"additionalProperties":{"default":"","type":"string"},"type":"object"})");
  CHECK(At(meta, {"generation"}).Dump() == R"({"format":"int64","type":"integer"})");
  CHECK(At(meta, {"finalizers", "items", "type"}).as_string() == "string");
  CHECK(At(definitions, {kPodSpec, "properties", "hostNetwork", "type"}).as_string() == "boolean");
  CHECK(
      At(definitions, {"io.k8s.api.core.v1.ContainerPort", "properties", "containerPort"}).Dump() ==
      R"({"default":0,"format":"int32","type":"integer"})");
  // Volume.volumeSource is inline: its members sit beside "name".
  const Json& volume = At(definitions, {"io.k8s.api.core.v1.Volume", "properties"});
  CHECK(volume.Find("name") != nullptr);
  CHECK(volume.Find("emptyDir") != nullptr);
  CHECK(volume.Find("configMap") != nullptr);
  CHECK(volume.Find("volumeSource") == nullptr);
}

TEST_CASE("special forms as upstream spells them") {
  Json v3 = Build(Flavor::kV3, k8s::apps::v1::Deployment::descriptor());
  CHECK(At(v3, {kIntOrString}).Dump() ==
        R"({"format":"int-or-string","oneOf":[{"type":"integer"},{"type":"string"}]})");
  CHECK(At(v3, {kQuantity}).Dump() == R"({"oneOf":[{"type":"string"},{"type":"number"}]})");
  CHECK(At(v3, {kTime}).Dump() == R"({"format":"date-time","type":"string"})");
  CHECK(At(v3, {"io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1"}).Dump() == R"({"type":"object"})");
  CHECK(At(v3, {"io.k8s.api.apps.v1.DeploymentSpec", "properties", "strategy",
                "x-kubernetes-patch-strategy"})
            .as_string() == "retainKeys");

  Json v2 = Build(Flavor::kV2, k8s::apps::v1::Deployment::descriptor());
  CHECK(At(v2, {kIntOrString}).Dump() == R"({"format":"int-or-string","type":"string"})");
  CHECK(At(v2, {kQuantity}).Dump() == R"({"type":"string"})");
  CHECK(At(v2, {kTime}).Dump() == R"({"format":"date-time","type":"string"})");
  // v2 references directly, without defaults.
  CHECK(At(v2, {"io.k8s.api.apps.v1.Deployment", "properties", "spec"}).Dump() ==
        R"({"$ref":"#/definitions/io.k8s.api.apps.v1.DeploymentSpec"})");
  CHECK(At(v2, {kPodSpec, "properties", "containers", "items"}).Dump() ==
        R"({"$ref":"#/definitions/io.k8s.api.core.v1.Container"})");
}

}  // namespace
}  // namespace kube::apiserver::openapi
