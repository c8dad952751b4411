#include "apiserver/openapi/v3_document.h"

#include "apiserver/openapi/custom_definitions.h"
#include "apiserver/openapi/resource_paths.h"
#include "apiserver/openapi/schema_builder.h"
#include "k8s/meta/v1/meta.pb.h"

namespace kube::apiserver::openapi {
namespace {

Json RenderV3Parameter(const Parameter& parameter) {
  Json json;
  json["name"] = parameter.name;
  json["in"] = parameter.in;
  json["description"] = parameter.description;
  if (parameter.required) json["required"] = true;
  json["schema"]["type"] = parameter.type;
  json["schema"]["uniqueItems"] = true;
  return json;
}

Json RenderV3Parameters(const std::vector<Parameter>& parameters) {
  Json json = Json::MakeArray();
  for (const Parameter& parameter : parameters) json.Append(RenderV3Parameter(parameter));
  return json;
}

// {"<type>": {"schema": ...}} for each content type.
Json Content(const std::vector<std::string>& types, const Json& schema) {
  Json content;
  for (const std::string& type : types) content[type]["schema"] = schema;
  return content;
}

class V3Renderer {
 public:
  // A custom resource's kind and list definitions, and the metadata they reference.
  void AddCustomDefinitions(const ResourceInfo& resource) {
    CustomDefinitions custom = BuildCustomDefinitions(resource, Flavor::kV3);
    custom_[custom.kind_name] = std::move(custom.kind);
    custom_[custom.list_name] = std::move(custom.list);
    schemas_.Add(k8s::meta::v1::ObjectMeta::descriptor());
    schemas_.Add(k8s::meta::v1::ListMeta::descriptor());
  }

  void Render(const std::vector<PathItem>& items, Json& paths) {
    for (const PathItem& item : items) {
      Json& path = paths[item.path];
      if (!item.parameters.empty()) path["parameters"] = RenderV3Parameters(item.parameters);
      for (const Operation& op : item.operations) path[op.method] = RenderOperation(op);
    }
  }

  Json TakeSchemas() {
    Json all = schemas_.TakeDefinitions();
    for (auto& [name, schema] : custom_.members()) all[name] = std::move(schema);
    return all;
  }

 private:
  Json Ref(const SchemaRef& schema) {
    Json ref;
    if (schema.message == nullptr) {
      ref["$ref"] = RefTo(Flavor::kV3, schema.definition);
    } else {
      schemas_.Add(schema.message);
      ref["$ref"] = RefTo(Flavor::kV3, schema.message);
    }
    return ref;
  }

  Json RenderOperation(const Operation& op) {
    Json json;
    json["description"] = op.description;
    json["operationId"] = op.id;
    json["tags"].Append(op.tag);
    if (!op.parameters.empty()) json["parameters"] = RenderV3Parameters(op.parameters);
    if (!op.body.empty()) {
      json["requestBody"]["content"] = Content(op.consumes, Ref(op.body));
      json["requestBody"]["required"] = true;
    }
    Json& responses = json["responses"];
    for (const Response& response : op.responses) {
      Json& out = responses[response.code];
      out["description"] = response.description;
      if (!response.schema.empty()) {
        out["content"] = Content(op.produces, Ref(response.schema));
      } else if (response.text) {
        Json string_schema;
        string_schema["type"] = "string";
        out["content"] = Content(op.produces, string_schema);
      }
    }
    json["x-kubernetes-action"] = op.action;
    json["x-kubernetes-group-version-kind"] = op.gvk.ToJson();
    return json;
  }

  SchemaBuilder schemas_{Flavor::kV3};
  Json custom_ = Json::MakeObject();
};

}  // namespace

Json BuildV3Document(const std::vector<const ResourceInfo*>& resources) {
  V3Renderer renderer;
  Json paths = Json::MakeObject();
  for (const ResourceInfo* resource : resources) {
    if (resource->custom_resource) renderer.AddCustomDefinitions(*resource);
    renderer.Render(ResourcePaths(*resource), paths);
  }

  Json document;
  document["openapi"] = "3.0.0";
  document["info"]["title"] = kDocumentTitle;
  document["info"]["version"] = kDocumentVersion;
  document["paths"] = std::move(paths);
  document["components"]["schemas"] = renderer.TakeSchemas();
  return document;
}

}  // namespace kube::apiserver::openapi
