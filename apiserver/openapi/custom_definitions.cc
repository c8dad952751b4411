#include "apiserver/openapi/custom_definitions.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "apiserver/openapi/structural_schema.h"
#include "apiserver/openapi/v2_schema_conversion.h"
#include "common/util/strings.h"
#include "k8s/meta/v1/meta.pb.h"

namespace kube::apiserver::openapi {
namespace {

// TypeMeta's and PartialObjectMetadata's documentation, as upstream copies it.
constexpr char kApiVersionDoc[] =
    "APIVersion defines the versioned schema of this representation of an object. Servers "
    "should convert recognized schemas to the latest internal value, and may reject "
    "unrecognized values. More info: "
    "https://git.k8s.io/community/contributors/devel/sig-architecture/"
    "api-conventions.md#resources";
constexpr char kKindDoc[] =
    "Kind is a string value representing the REST resource this object represents. Servers "
    "may infer this from the endpoint the client submits requests to. Cannot be updated. In "
    "CamelCase. More info: "
    "https://git.k8s.io/community/contributors/devel/sig-architecture/"
    "api-conventions.md#types-kinds";
constexpr char kObjectMetadataDoc[] =
    "Standard object's metadata. More info: "
    "https://git.k8s.io/community/contributors/devel/sig-architecture/"
    "api-conventions.md#metadata";
constexpr char kListMetadataDoc[] =
    "Standard list metadata. More info: "
    "https://git.k8s.io/community/contributors/devel/sig-architecture/"
    "api-conventions.md#types-kinds";
// What x-kubernetes-embedded-resource objects say instead.
constexpr char kEmbeddedApiVersionDoc[] =
    "apiVersion defines the versioned schema of this representation of an object. More info: "
    "https://git.k8s.io/community/contributors/devel/sig-architecture/"
    "api-conventions.md#resources";
constexpr char kEmbeddedKindDoc[] =
    "kind is a string value representing the type of this object. In CamelCase. More info: "
    "https://git.k8s.io/community/contributors/devel/sig-architecture/"
    "api-conventions.md#types-kinds";

Json StringProperty(const char* description) {
  Json property;
  property["description"] = description;
  property["type"] = "string";
  return property;
}

Json Reference(Flavor flavor, const google::protobuf::Descriptor* message,
               const char* description) {
  Json reference;
  reference["$ref"] = RefTo(flavor, message);
  reference["description"] = description;
  return reference;
}

void AddTypeMeta(Json& schema) {
  schema["properties"]["apiVersion"] = StringProperty(kApiVersionDoc);
  schema["properties"]["kind"] = StringProperty(kKindDoc);
}

// Objects that hold a whole Kubernetes object get its type meta and metadata.
void AddEmbeddedProperties(Json& schema, Flavor flavor) {
  if (!schema.is_object()) return;
  Json::Object& members = schema.members();
  if (auto it = members.find("properties"); it != members.end() && it->second.is_object()) {
    for (auto& [name, property] : it->second.members()) AddEmbeddedProperties(property, flavor);
  }
  for (const char* key : {"items", "additionalProperties"}) {
    if (auto it = members.find(key); it != members.end()) AddEmbeddedProperties(it->second, flavor);
  }
  // In v2 those properties would make kubectl reject the unknown fields kept there.
  if (flavor == Flavor::kV2 && schema.IsTrue("x-kubernetes-preserve-unknown-fields")) return;
  if (!schema.IsTrue("x-kubernetes-embedded-resource")) return;
  schema["properties"]["apiVersion"] = StringProperty(kEmbeddedApiVersionDoc);
  schema["properties"]["kind"] = StringProperty(kEmbeddedKindDoc);
  schema["properties"]["metadata"] =
      Reference(flavor, k8s::meta::v1::ObjectMeta::descriptor(), kObjectMetadataDoc);
  Json& required = schema["required"];
  if (!required.is_array()) required = Json::MakeArray();
  for (const char* name : {"kind", "apiVersion"}) {
    const Json value(name);
    if (std::find(required.items().begin(), required.items().end(), value) ==
        required.items().end()) {
      required.Append(value);
    }
  }
}

Json KindSchema(const ResourceInfo& info, Flavor flavor) {
  absl::StatusOr<Json> raw = info.openapi_schema.empty() ? absl::NotFoundError("no schema")
                                                         : Json::Parse(info.openapi_schema);
  std::optional<Json> schema;
  if (raw.ok()) schema = StructuralSchema(*raw);
  if (!schema ||
      (flavor == Flavor::kV2 && schema->IsTrue("x-kubernetes-preserve-unknown-fields"))) {
    Json bare;
    bare["type"] = "object";
    return bare;
  }
  if (flavor == Flavor::kV2) schema = ToV2Schema(std::move(*schema));
  (*schema)["properties"]["metadata"] =
      Reference(flavor, k8s::meta::v1::ObjectMeta::descriptor(), kObjectMetadataDoc);
  AddTypeMeta(*schema);
  AddEmbeddedProperties(*schema, flavor);
  return *std::move(schema);
}

Json GroupVersionKindList(const ResourceInfo& info, const std::string& kind) {
  Json list = Json::MakeArray();
  list.Append(GroupVersionKind{info.group, info.version, kind}.ToJson());
  return list;
}

}  // namespace

std::string CustomDefinitionName(std::string_view group, std::string_view version,
                                 std::string_view kind) {
  std::string name;
  while (!group.empty()) {
    size_t dot = group.rfind('.');
    std::string_view label = dot == std::string_view::npos ? group : group.substr(dot + 1);
    kube::StrAppend(&name, label, ".");
    group = dot == std::string_view::npos ? std::string_view() : group.substr(0, dot);
  }
  kube::StrAppend(&name, version, ".", kind);
  return name;
}

CustomDefinitions BuildCustomDefinitions(const ResourceInfo& info, Flavor flavor) {
  const std::string list_kind = info.list_prototype->GetDescriptor()->name();
  CustomDefinitions definitions;
  definitions.kind_name = CustomDefinitionName(info.group, info.version, info.kind);
  definitions.list_name = CustomDefinitionName(info.group, info.version, list_kind);

  definitions.kind = KindSchema(info, flavor);
  definitions.kind["x-kubernetes-group-version-kind"] = GroupVersionKindList(info, info.kind);

  Json& list = definitions.list;
  list["description"] = kube::StrCat(list_kind, " is a list of ", info.kind);
  list["required"].Append("items");
  Json& items = list["properties"]["items"];
  items["description"] =
      kube::StrCat("List of ", info.resource,
                   ". More info: https://git.k8s.io/community/contributors/devel/sig-architecture/"
                   "api-conventions.md");
  items["type"] = "array";
  items["items"]["$ref"] = RefTo(flavor, definitions.kind_name);
  list["properties"]["metadata"] =
      Reference(flavor, k8s::meta::v1::ListMeta::descriptor(), kListMetadataDoc);
  AddTypeMeta(list);
  list["x-kubernetes-group-version-kind"] = GroupVersionKindList(info, list_kind);
  return definitions;
}

}  // namespace kube::apiserver::openapi
