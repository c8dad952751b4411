#include "apiserver/openapi/openapi_documents.h"

#include <array>
#include <vector>

#include "apiserver/openapi/json_tree.h"
#include "apiserver/openapi/v2_document.h"
#include "apiserver/openapi/v2_protobuf.h"
#include "common/log/log.h"

namespace kube::apiserver {
namespace {

bool Publishable(const ResourceInfo& info) {
  // Reviews have no list: only their create is published.
  return info.prototype != nullptr && (info.list_prototype != nullptr || !info.stored);
}

// {"<key>":<text>,...} of two sorted maps of JSON texts; `first` wins a repeated key.
void MergeObjectTo(const std::map<std::string, std::string, std::less<>>& first,
                   const std::map<std::string, std::string, std::less<>>& second,
                   std::string& out) {
  out.push_back('{');
  auto a = first.begin();
  auto b = second.begin();
  bool empty = true;
  while (a != first.end() || b != second.end()) {
    bool take_first = b == second.end() || (a != first.end() && a->first <= b->first);
    const auto& [key, text] = take_first ? *a : *b;
    if (take_first) {
      if (b != second.end() && b->first == a->first) ++b;
      ++a;
    } else {
      ++b;
    }
    if (!empty) out.push_back(',');
    empty = false;
    openapi::Json(key).DumpTo(out);
    out.push_back(':');
    out += text;
  }
  out.push_back('}');
}

}  // namespace

OpenApiDocuments::OpenApiDocuments(const ResourceRegistry& registry,
                                   const OpenApiDocuments* previous) {
  std::vector<const ResourceInfo*> builtin;
  std::vector<const ResourceInfo*> custom;
  for (const auto& info : registry.All()) {
    if (Publishable(*info)) (info->custom_resource ? custom : builtin).push_back(info.get());
  }
  if (previous != nullptr && previous->builtins_->BuiltFrom(builtin)) {
    builtins_ = previous->builtins_;
  } else {
    builtins_ = std::make_shared<const openapi::BuiltinDocuments>(std::move(builtin));
  }

  custom_v3_ = openapi::BuildGroupVersionDocuments(custom);
  openapi::Json index;
  index["paths"] = openapi::Json::MakeObject();
  for (const openapi::RenderedDocuments* documents : AllV3()) {
    for (const auto& [key, document] : *documents) {
      index["paths"][key]["serverRelativeURL"] = "/openapi/v3/" + key + "?hash=" + document.hash;
    }
  }
  v3_index_ = index.Dump();

  // v2 is one document: the built-in part as rendered once, and the custom resources'
  // paths and the definitions only they have.
  openapi::Json swagger = openapi::BuildV2Document(custom);
  openapi::Json extra;
  std::map<std::string, std::string, std::less<>> paths, definitions;
  for (auto& [path, item] : swagger["paths"].members()) {
    paths.emplace(path, item.Dump());
    extra["paths"][path] = std::move(item);
  }
  for (auto& [name, schema] : swagger["definitions"].members()) {
    if (builtins_->v2_definitions().contains(name)) continue;
    definitions.emplace(name, schema.Dump());
    extra["definitions"][name] = std::move(schema);
  }
  v2_json_ = "{\"definitions\":";
  MergeObjectTo(builtins_->v2_definitions(), definitions, v2_json_);
  v2_json_ += ",\"info\":" + builtins_->v2_info() + ",\"paths\":";
  MergeObjectTo(builtins_->v2_paths(), paths, v2_json_);
  v2_json_ += ",\"swagger\":\"2.0\"}";

  v2_protobuf_ = builtins_->v2_protobuf();
  if (!extra.is_null()) {
    absl::StatusOr<::openapi::v2::Document> gnostic = openapi::ToGnosticDocument(extra);
    // The converter only fails if the v2 builder emits a key the gnostic subset lacks.
    if (!gnostic.ok()) KLOG(Fatal) << gnostic.status();
    // Protobuf concatenation merges: the paths and definitions add to the built-in ones.
    v2_protobuf_ += gnostic->SerializeAsString();
  }
}

std::array<const openapi::RenderedDocuments*, 2> OpenApiDocuments::AllV3() const {
  return {&builtins_->v3(), &custom_v3_};
}

const openapi::RenderedDocument* OpenApiDocuments::FindV3(
    std::string_view group_version_path) const {
  for (const openapi::RenderedDocuments* documents : AllV3()) {
    if (auto it = documents->find(group_version_path); it != documents->end()) return &it->second;
  }
  return nullptr;
}

const std::string* OpenApiDocuments::V3Document(std::string_view group_version_path) const {
  const openapi::RenderedDocument* document = FindV3(group_version_path);
  return document == nullptr ? nullptr : &document->json;
}

const std::string* OpenApiDocuments::V3Hash(std::string_view group_version_path) const {
  const openapi::RenderedDocument* document = FindV3(group_version_path);
  return document == nullptr ? nullptr : &document->hash;
}

}  // namespace kube::apiserver
