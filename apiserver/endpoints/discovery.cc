#include "apiserver/endpoints/discovery.h"

#include <algorithm>

#include "apiserver/endpoints/discovery_json.h"
#include "common/api/scheme.h"
#include "common/util/strings.h"

namespace kube::apiserver {
namespace {

using namespace discovery_json;  // NOLINT: the writer steps shared by both forms

std::string Finish(rapidjson::StringBuffer& buffer) {
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string GroupVersionText(std::string_view group, std::string_view version) {
  return group.empty() ? std::string(version) : StrCat(group, "/", version);
}

void WriteGroupVersion(Writer& writer, const std::string& group, const std::string& version) {
  writer.StartObject();
  Key(writer, "groupVersion");
  String(writer, GroupVersionText(group, version));
  Key(writer, "version");
  String(writer, version);
  writer.EndObject();
}

void WriteGroup(Writer& writer, const DiscoveredGroup& group) {
  writer.StartObject();
  Key(writer, "name");
  String(writer, group.name);
  Key(writer, "versions");
  writer.StartArray();
  for (const std::string& version : group.versions) WriteGroupVersion(writer, group.name, version);
  writer.EndArray();
  Key(writer, "preferredVersion");
  WriteGroupVersion(writer, group.name, group.versions.front());
  writer.EndObject();
}

void WriteResource(Writer& writer, const DiscoveredResource& resource) {
  writer.StartObject();
  Key(writer, "name");
  String(writer, resource.name);
  Key(writer, "singularName");
  String(writer, resource.singular);
  Key(writer, "namespaced");
  writer.Bool(resource.namespaced);
  if (!resource.group.empty()) {
    Key(writer, "group");
    String(writer, resource.group);
    Key(writer, "version");
    String(writer, resource.version);
  }
  Key(writer, "kind");
  String(writer, resource.kind);
  StringArray(writer, "verbs", resource.verbs);
  if (!resource.short_names.empty()) StringArray(writer, "shortNames", resource.short_names);
  if (!resource.categories.empty()) StringArray(writer, "categories", resource.categories);
  writer.EndObject();
}

// A subresource entry: "pods/status" etc.
DiscoveredResource Subresource(const ResourceInfo& resource, std::string_view name,
                               std::string_view kind, std::vector<std::string> verbs,
                               std::string_view group = "", std::string_view version = "") {
  DiscoveredResource entry;
  entry.name = StrCat(resource.resource, "/", name);
  entry.namespaced = resource.namespaced;
  entry.group = group;
  entry.version = version;
  entry.kind = kind;
  entry.verbs = std::move(verbs);
  return entry;
}

}  // namespace

Discovery::Discovery(const ResourceRegistry& registry) : registry_(registry) {
  for (const auto& group_version : registry.GroupVersions()) {
    auto same = [&](const DiscoveredGroup& group) { return group.name == group_version.group; };
    auto it = std::find_if(groups_.begin(), groups_.end(), same);
    if (it == groups_.end()) it = groups_.insert(groups_.end(), {group_version.group, {}});
    it->versions.push_back(group_version.version);
  }
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
  for (const DiscoveredGroup& group : groups_) {
    if (!group.name.empty()) WriteGroup(writer, group);
  }
  writer.EndArray();
  writer.EndObject();
  api_group_list_ = Finish(buffer);
}

std::optional<std::string> Discovery::ApiGroup(std::string_view name) const {
  for (const DiscoveredGroup& group : groups_) {
    if (group.name != name || name.empty()) continue;
    rapidjson::StringBuffer buffer;
    Writer writer(buffer);
    WriteGroup(writer, group);
    std::string body = Finish(buffer);
    // An APIGroup document carries kind and apiVersion at the top.
    return "{\"kind\":\"APIGroup\",\"apiVersion\":\"v1\"," + body.substr(1);
  }
  return std::nullopt;
}

std::vector<DiscoveredResource> Discovery::Resources(std::string_view group,
                                                     std::string_view version) const {
  std::vector<DiscoveredResource> entries;
  if (group.empty() && version == "v1") {
    // The legacy /namespaces/NS/bindings collection (create only).
    entries.push_back({"bindings", "binding", true, "", "", "Binding", {"create"}, {}, {}});
  }
  for (const auto& resource : registry_.All()) {
    if (resource->group != group || resource->version != version) continue;
    DiscoveredResource entry;
    entry.name = resource->resource;
    entry.singular = resource->singular;
    entry.namespaced = resource->namespaced;
    entry.kind = resource->kind;
    if (resource->stored) {
      entry.verbs = {"create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"};
    } else {
      entry.verbs = {"create"};  // a review
    }
    entry.short_names = resource->short_names;
    entry.categories = resource->categories;
    entries.push_back(std::move(entry));
    const Subresources& served = resource->subresources;
    if (served.status) {
      entries.push_back(Subresource(*resource, "status", resource->kind, {"get", "patch", "update"}));
    }
    if (served.approval) {
      entries.push_back(Subresource(*resource, "approval", resource->kind, {"get", "patch", "update"}));
    }
    if (served.scale) {
      entries.push_back(Subresource(*resource, "scale", "Scale", {"get", "patch", "update"},
                                    "autoscaling", "v1"));
    }
    if (served.binding) entries.push_back(Subresource(*resource, "binding", "Binding", {"create"}));
    if (served.eviction) {
      entries.push_back(Subresource(*resource, "eviction", "Eviction", {"create"}, "policy", "v1"));
    }
    if (served.log) entries.push_back(Subresource(*resource, "log", resource->kind, {"get"}));
    if (served.exec) {
      entries.push_back(Subresource(*resource, "exec", "PodExecOptions", {"create", "get"}));
    }
    if (served.finalize) {
      entries.push_back(Subresource(*resource, "finalize", resource->kind, {"update"}));
    }
    for (const auto& [name, subresource] : resource->create_subresources) {
      std::optional<api::GroupVersionKind> kind =
          api::Scheme::BuiltIn().KindOf(subresource.prototype->GetDescriptor());
      if (!kind) continue;
      entries.push_back(Subresource(*resource, name, kind->kind, {"create"}, kind->group,
                                    kind->version));
    }
  }
  return entries;
}

std::optional<std::string> Discovery::ResourceList(std::string_view group,
                                                   std::string_view version) const {
  std::vector<DiscoveredResource> entries = Resources(group, version);
  // Core v1 always has bindings; anything else must have a resource of its own.
  bool served = std::any_of(entries.begin(), entries.end(), [](const DiscoveredResource& entry) {
    return entry.name != "bindings";
  });
  if (!served) return std::nullopt;
  rapidjson::StringBuffer buffer;
  Writer writer(buffer);
  writer.StartObject();
  Key(writer, "kind");
  String(writer, "APIResourceList");
  Key(writer, "apiVersion");
  String(writer, "v1");
  Key(writer, "groupVersion");
  String(writer, GroupVersionText(group, version));
  Key(writer, "resources");
  writer.StartArray();
  for (const DiscoveredResource& entry : entries) WriteResource(writer, entry);
  writer.EndArray();
  writer.EndObject();
  return Finish(buffer);
}

}  // namespace kube::apiserver
