#include "apiserver/openapi/v2_document.h"

#include "apiserver/openapi/custom_definitions.h"
#include "apiserver/openapi/resource_paths.h"
#include "apiserver/openapi/schema_builder.h"
#include "k8s/meta/v1/meta.pb.h"

namespace kube::apiserver::openapi {
namespace {

Json RenderV2Parameter(const Parameter& parameter) {
  Json json;
  json["name"] = parameter.name;
  json["in"] = parameter.in;
  json["description"] = parameter.description;
  if (parameter.required) json["required"] = true;
  json["type"] = parameter.type;
  json["uniqueItems"] = true;
  return json;
}

Json Strings(const std::vector<std::string>& values) {
  Json json = Json::MakeArray();
  for (const std::string& value : values) json.Append(value);
  return json;
}

class V2Renderer {
 public:
  // A custom resource's kind and list definitions, and the metadata they reference.
  void AddCustomDefinitions(const ResourceInfo& resource) {
    CustomDefinitions custom = BuildCustomDefinitions(resource, Flavor::kV2);
    custom_[custom.kind_name] = std::move(custom.kind);
    custom_[custom.list_name] = std::move(custom.list);
    definitions_.Add(k8s::meta::v1::ObjectMeta::descriptor());
    definitions_.Add(k8s::meta::v1::ListMeta::descriptor());
  }

  void Render(const std::vector<PathItem>& items, Json& paths) {
    for (const PathItem& item : items) {
      Json& path = paths[item.path];
      for (const Parameter& parameter : item.parameters) {
        path["parameters"].Append(RenderV2Parameter(parameter));
      }
      for (const Operation& op : item.operations) path[op.method] = RenderOperation(op);
    }
  }

  Json TakeDefinitions() {
    Json all = definitions_.TakeDefinitions();
    for (auto& [name, schema] : custom_.members()) all[name] = std::move(schema);
    return all;
  }

 private:
  Json Ref(const SchemaRef& schema) {
    Json ref;
    if (schema.message == nullptr) {
      ref["$ref"] = RefTo(Flavor::kV2, schema.definition);
    } else {
      definitions_.Add(schema.message);
      ref["$ref"] = RefTo(Flavor::kV2, schema.message);
    }
    return ref;
  }

  Json RenderOperation(const Operation& op) {
    Json json;
    json["description"] = op.description;
    json["operationId"] = op.id;
    json["tags"].Append(op.tag);
    json["schemes"].Append("https");
    json["produces"] = Strings(op.produces);
    Json& parameters = json["parameters"];
    parameters = Json::MakeArray();
    if (!op.body.empty()) {
      json["consumes"] = Strings(op.consumes);
      Json body;
      body["name"] = "body";
      body["in"] = "body";
      body["required"] = true;
      body["schema"] = Ref(op.body);
      parameters.Append(std::move(body));
    }
    for (const Parameter& parameter : op.parameters) parameters.Append(RenderV2Parameter(parameter));
    if (parameters.items().empty()) json.members().erase("parameters");
    Json& responses = json["responses"];
    for (const Response& response : op.responses) {
      Json& out = responses[response.code];
      out["description"] = response.description;
      if (!response.schema.empty()) {
        out["schema"] = Ref(response.schema);
      } else if (response.text) {
        out["schema"]["type"] = "string";
      }
    }
    json["x-kubernetes-action"] = op.action;
    json["x-kubernetes-group-version-kind"] = op.gvk.ToJson();
    return json;
  }

  SchemaBuilder definitions_{Flavor::kV2};
  Json custom_ = Json::MakeObject();
};

}  // namespace

Json BuildV2Document(const std::vector<const ResourceInfo*>& resources) {
  V2Renderer renderer;
  Json paths = Json::MakeObject();
  for (const ResourceInfo* resource : resources) {
    if (resource->custom_resource) renderer.AddCustomDefinitions(*resource);
    renderer.Render(ResourcePaths(*resource), paths);
  }

  Json document;
  document["swagger"] = "2.0";
  document["info"]["title"] = kDocumentTitle;
  document["info"]["version"] = kDocumentVersion;
  document["paths"] = std::move(paths);
  document["definitions"] = renderer.TakeDefinitions();
  return document;
}

}  // namespace kube::apiserver::openapi
