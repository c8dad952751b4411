#include "apiserver/endpoints/aggregated_discovery.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "apiserver/endpoints/discovery_json.h"
#include "common/util/content_hash.h"
#include "common/util/strings.h"

namespace kube::apiserver {
namespace {

using namespace discovery_json;  // NOLINT: the writer steps shared by both forms

void ResponseKind(Writer& writer, const DiscoveredResource& entry) {
  Key(writer, "responseKind");
  writer.StartObject();
  Key(writer, "group");
  String(writer, entry.group);
  Key(writer, "version");
  String(writer, entry.version);
  Key(writer, "kind");
  String(writer, entry.kind);
  writer.EndObject();
}

// One version's resources, each with its subresources nested (upstream's
// APIResourceDiscovery / APISubresourceDiscovery).
void WriteVersion(Writer& writer, const Discovery& discovery, const std::string& group,
                  const std::string& version) {
  std::vector<DiscoveredResource> entries = discovery.Resources(group, version);
  writer.StartObject();
  Key(writer, "version");
  String(writer, version);
  Key(writer, "resources");
  writer.StartArray();
  for (size_t i = 0; i < entries.size();) {
    const DiscoveredResource& resource = entries[i];
    writer.StartObject();
    Key(writer, "resource");
    String(writer, resource.name);
    ResponseKind(writer, resource);
    Key(writer, "scope");
    String(writer, resource.namespaced ? "Namespaced" : "Cluster");
    Key(writer, "singularResource");
    String(writer, resource.singular);
    StringArray(writer, "verbs", resource.verbs);
    if (!resource.short_names.empty()) StringArray(writer, "shortNames", resource.short_names);
    if (!resource.categories.empty()) StringArray(writer, "categories", resource.categories);
    const std::string parent_prefix = resource.name + "/";
    bool any_subresource = false;
    for (++i; i < entries.size() && absl::StartsWith(entries[i].name, parent_prefix); ++i) {
      if (!any_subresource) {
        Key(writer, "subresources");
        writer.StartArray();
        any_subresource = true;
      }
      const DiscoveredResource& subresource = entries[i];
      writer.StartObject();
      Key(writer, "subresource");
      String(writer, subresource.name.substr(parent_prefix.size()));
      ResponseKind(writer, subresource);
      StringArray(writer, "verbs", subresource.verbs);
      writer.EndObject();
    }
    if (any_subresource) writer.EndArray();
    writer.EndObject();
  }
  writer.EndArray();
  Key(writer, "freshness");
  String(writer, "Current");
  writer.EndObject();
}

AggregatedDiscovery::Document Build(const Discovery& discovery, bool core, std::string_view version) {
  rapidjson::StringBuffer buffer;
  Writer writer(buffer);
  writer.StartObject();
  Key(writer, "kind");
  String(writer, "APIGroupDiscoveryList");
  Key(writer, "apiVersion");
  String(writer, StrCat("apidiscovery.k8s.io/", version));
  Key(writer, "metadata");
  writer.StartObject();
  writer.EndObject();
  Key(writer, "items");
  writer.StartArray();
  for (const DiscoveredGroup& group : discovery.groups()) {
    if (group.name.empty() != core) continue;
    writer.StartObject();
    Key(writer, "metadata");
    writer.StartObject();
    if (!group.name.empty()) {
      Key(writer, "name");
      String(writer, group.name);
    }
    Key(writer, "creationTimestamp");
    writer.Null();
    writer.EndObject();
    Key(writer, "versions");
    writer.StartArray();
    for (const std::string& served : group.versions) WriteVersion(writer, discovery, group.name, served);
    writer.EndArray();
    writer.EndObject();
  }
  writer.EndArray();
  writer.EndObject();
  AggregatedDiscovery::Document document;
  document.body.assign(buffer.GetString(), buffer.GetSize());
  document.etag = StrCat("\"", util::ContentHash(document.body), "\"");
  document.content_type =
      StrCat("application/json;g=apidiscovery.k8s.io;v=", version, ";as=APIGroupDiscoveryList");
  return document;
}

}  // namespace

AggregatedForm NegotiateAggregatedDiscovery(std::string_view accept) {
  // Debian's abseil has its own string_view: split on that.
  for (absl::string_view range : absl::StrSplit(absl::string_view(accept.data(), accept.size()), ',')) {
    std::vector<absl::string_view> parts = absl::StrSplit(range, ';');
    if (absl::StripAsciiWhitespace(parts[0]) != "application/json") continue;
    std::string group, version, as;
    for (size_t i = 1; i < parts.size(); ++i) {
      std::pair<std::string, std::string> parameter =
          absl::StrSplit(absl::StripAsciiWhitespace(parts[i]), absl::MaxSplits('=', 1));
      if (parameter.first == "g") group = parameter.second;
      if (parameter.first == "v") version = parameter.second;
      if (parameter.first == "as") as = parameter.second;
    }
    if (group != "apidiscovery.k8s.io" || as != "APIGroupDiscoveryList") continue;
    if (version == "v2") return AggregatedForm::kV2;
    if (version == "v2beta1") return AggregatedForm::kV2Beta1;
  }
  return AggregatedForm::kNone;
}

AggregatedDiscovery::AggregatedDiscovery(const Discovery& discovery)
    : core_v2_(Build(discovery, true, "v2")),
      core_v2beta1_(Build(discovery, true, "v2beta1")),
      groups_v2_(Build(discovery, false, "v2")),
      groups_v2beta1_(Build(discovery, false, "v2beta1")) {}

const AggregatedDiscovery::Document& AggregatedDiscovery::Get(bool core, AggregatedForm form) const {
  if (core) return form == AggregatedForm::kV2Beta1 ? core_v2beta1_ : core_v2_;
  return form == AggregatedForm::kV2Beta1 ? groups_v2beta1_ : groups_v2_;
}

}  // namespace kube::apiserver
