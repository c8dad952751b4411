#include "apiserver/endpoints/discovery.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "common/api/scheme.h"

namespace kube::apiserver {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void Key(Writer& writer, std::string_view key) {
  writer.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
}
void String(Writer& writer, std::string_view value) {
  writer.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}
void StringArray(Writer& writer, std::string_view key, const std::vector<std::string>& values) {
  Key(writer, key);
  writer.StartArray();
  for (const std::string& value : values) String(writer, value);
  writer.EndArray();
}

std::string Finish(rapidjson::StringBuffer& buffer) {
  return std::string(buffer.GetString(), buffer.GetSize());
}

void WriteGroup(Writer& writer, const std::string& group, const std::string& version) {
  writer.StartObject();
  Key(writer, "name");
  String(writer, group);
  Key(writer, "versions");
  writer.StartArray();
  writer.StartObject();
  Key(writer, "groupVersion");
  String(writer, group + "/" + version);
  Key(writer, "version");
  String(writer, version);
  writer.EndObject();
  writer.EndArray();
  Key(writer, "preferredVersion");
  writer.StartObject();
  Key(writer, "groupVersion");
  String(writer, group + "/" + version);
  Key(writer, "version");
  String(writer, version);
  writer.EndObject();
  writer.EndObject();
}

// A subresource entry: "pods/status" etc.
void WriteSubresource(Writer& writer, const ResourceInfo& resource, std::string_view name,
                      std::string_view kind, const std::vector<std::string>& verbs,
                      std::string_view group = "", std::string_view version = "") {
  writer.StartObject();
  Key(writer, "name");
  String(writer, resource.resource + "/" + std::string(name));
  Key(writer, "singularName");
  String(writer, "");
  Key(writer, "namespaced");
  writer.Bool(resource.namespaced);
  if (!group.empty()) {
    Key(writer, "group");
    String(writer, group);
    Key(writer, "version");
    String(writer, version);
  }
  Key(writer, "kind");
  String(writer, kind);
  StringArray(writer, "verbs", verbs);
  writer.EndObject();
}

}  // namespace

Discovery::Discovery(const ResourceRegistry& registry) : registry_(registry) {
  {
    rapidjson::StringBuffer buffer;
    Writer writer(buffer);
    writer.StartObject();
    Key(writer, "kind");
    String(writer, "APIVersions");
    StringArray(writer, "versions", {"v1"});
    Key(writer, "serverAddressByClientCIDRs");
    writer.StartArray();
    writer.StartObject();
    Key(writer, "clientCIDR");
    String(writer, "0.0.0.0/0");
    Key(writer, "serverAddress");
    String(writer, "");
    writer.EndObject();
    writer.EndArray();
    writer.EndObject();
    api_versions_ = Finish(buffer);
  }
  rapidjson::StringBuffer buffer;
  Writer writer(buffer);
  writer.StartObject();
  Key(writer, "kind");
  String(writer, "APIGroupList");
  Key(writer, "apiVersion");
  String(writer, "v1");
  Key(writer, "groups");
  writer.StartArray();
  for (const auto& group_version : registry.GroupVersions()) {
    if (group_version.group.empty()) continue;
    WriteGroup(writer, group_version.group, group_version.version);
  }
  writer.EndArray();
  writer.EndObject();
  api_group_list_ = Finish(buffer);
}

std::optional<std::string> Discovery::ApiGroup(std::string_view group) const {
  for (const auto& group_version : registry_.GroupVersions()) {
    if (group_version.group != group || group.empty()) continue;
    rapidjson::StringBuffer buffer;
    Writer writer(buffer);
    WriteGroup(writer, group_version.group, group_version.version);
    std::string body = Finish(buffer);
    // An APIGroup document carries kind and apiVersion at the top.
    return "{\"kind\":\"APIGroup\",\"apiVersion\":\"v1\"," + body.substr(1);
  }
  return std::nullopt;
}

std::optional<std::string> Discovery::ResourceList(std::string_view group,
                                                   std::string_view version) const {
  bool found = false;
  rapidjson::StringBuffer buffer;
  Writer writer(buffer);
  writer.StartObject();
  Key(writer, "kind");
  String(writer, "APIResourceList");
  Key(writer, "apiVersion");
  String(writer, "v1");
  Key(writer, "groupVersion");
  String(writer, group.empty() ? std::string(version) : std::string(group) + "/" + std::string(version));
  Key(writer, "resources");
  writer.StartArray();
  if (group.empty() && version == "v1") {
    // The legacy /namespaces/NS/bindings collection (create only).
    writer.StartObject();
    Key(writer, "name");
    String(writer, "bindings");
    Key(writer, "singularName");
    String(writer, "binding");
    Key(writer, "namespaced");
    writer.Bool(true);
    Key(writer, "kind");
    String(writer, "Binding");
    StringArray(writer, "verbs", {"create"});
    writer.EndObject();
  }
  for (const auto& resource : registry_.All()) {
    if (resource->group != group || resource->version != version) continue;
    found = true;
    writer.StartObject();
    Key(writer, "name");
    String(writer, resource->resource);
    Key(writer, "singularName");
    String(writer, resource->singular);
    Key(writer, "namespaced");
    writer.Bool(resource->namespaced);
    Key(writer, "kind");
    String(writer, resource->kind);
    if (resource->stored) {
      StringArray(writer, "verbs", {"create", "delete", "deletecollection", "get", "list",
                                    "patch", "update", "watch"});
    } else {
      StringArray(writer, "verbs", {"create"});  // a review
    }
    if (!resource->short_names.empty()) StringArray(writer, "shortNames", resource->short_names);
    if (!resource->categories.empty()) StringArray(writer, "categories", resource->categories);
    writer.EndObject();
    const Subresources& served = resource->subresources;
    if (served.status) {
      WriteSubresource(writer, *resource, "status", resource->kind, {"get", "patch", "update"});
    }
    if (served.approval) {
      WriteSubresource(writer, *resource, "approval", resource->kind, {"get", "patch", "update"});
    }
    if (served.scale) {
      WriteSubresource(writer, *resource, "scale", "Scale", {"get", "patch", "update"},
                       "autoscaling", "v1");
    }
    if (served.binding) WriteSubresource(writer, *resource, "binding", "Binding", {"create"});
    if (served.eviction) {
      WriteSubresource(writer, *resource, "eviction", "Eviction", {"create"}, "policy", "v1");
    }
    if (served.log) WriteSubresource(writer, *resource, "log", resource->kind, {"get"});
    if (served.exec) {
      WriteSubresource(writer, *resource, "exec", "PodExecOptions", {"create", "get"});
    }
    if (served.finalize) WriteSubresource(writer, *resource, "finalize", resource->kind, {"update"});
    for (const auto& [name, subresource] : resource->create_subresources) {
      std::optional<api::GroupVersionKind> kind =
          api::Scheme::BuiltIn().KindOf(subresource.prototype->GetDescriptor());
      if (!kind) continue;
      WriteSubresource(writer, *resource, name, kind->kind, {"create"}, kind->group,
                       kind->version);
    }
  }
  writer.EndArray();
  writer.EndObject();
  if (!found) return std::nullopt;
  return Finish(buffer);
}

}  // namespace kube::apiserver
