#include "apiserver/customresource/serving.h"

#include <algorithm>
#include <regex>

#include "apiserver/customresource/custom_resource_printer.h"
#include "apiserver/customresource/custom_resource_strategy.h"
#include "common/api/custom_resource_types.h"
#include "common/api/object.h"
#include "common/codec/json_text.h"
#include "common/util/strings.h"

namespace kube::apiserver::customresource {
namespace {

using k8s::apiextensions::v1::CustomResourceDefinition;
using k8s::apiextensions::v1::CustomResourceDefinitionVersion;

// "v2beta1" as (major 2, stability beta = 1, minor 1); nullopt when not Kubernetes-like.
struct KubeVersion {
  int major = 0;
  int stability = 2;  // 2 GA, 1 beta, 0 alpha
  int minor = 0;
};

std::optional<KubeVersion> ParseKubeVersion(const std::string& name) {
  static const std::regex pattern("^v([1-9][0-9]*)(?:(alpha|beta)([1-9][0-9]*))?$");
  std::smatch match;
  if (!std::regex_match(name, match, pattern)) return std::nullopt;
  KubeVersion version;
  version.major = std::stoi(match[1].str());
  if (match[2].matched) {
    version.stability = match[2].str() == "beta" ? 1 : 0;
    version.minor = std::stoi(match[3].str());
  }
  return version;
}

// Conversion None: the same metadata and content in the other version's type.
absl::StatusOr<ObjectPtr> Rewrap(const google::protobuf::Message& from,
                                 const google::protobuf::Message& to_prototype) {
  ObjectPtr to(to_prototype.New());
  // Both types have metadata (1) and content (2) with the same numbers: the wire
  // form carries over as is.
  if (!to->ParseFromString(from.SerializeAsString())) {
    return absl::InternalError("custom resource conversion failed");
  }
  return to;
}

absl::StatusOr<std::shared_ptr<ResourceInfo>> InfoFor(
    const CustomResourceDefinition& crd, const CustomResourceDefinitionVersion& version) {
  const auto& spec = crd.spec();
  const auto& names = crd.status().acceptednames();
  absl::StatusOr<api::CustomResourceTypes> types =
      api::TypesFor(spec.group(), version.name(), names.kind(), names.listkind());
  if (!types.ok()) return types.status();
  auto info = std::make_shared<ResourceInfo>();
  info->group = spec.group();
  info->version = version.name();
  info->kind = names.kind();
  info->resource = names.plural();
  info->singular = names.singular();
  info->namespaced = spec.scope() == "Namespaced";
  info->short_names.assign(names.shortnames().begin(), names.shortnames().end());
  info->categories.assign(names.categories().begin(), names.categories().end());
  info->prototype = types->prototype;
  info->list_prototype = types->list_prototype;
  info->custom_resource = true;
  const bool status = version.has_subresources() && version.subresources().has_status();
  info->subresources.status = status;
  info->subresources.scale = version.has_subresources() && version.subresources().has_scale();
  if (info->subresources.scale) {
    const auto& scale = version.subresources().scale();
    info->scale_paths =
        ScalePaths{scale.specreplicaspath(), scale.statusreplicaspath(), scale.labelselectorpath()};
  }
  std::unique_ptr<const crd_schema::CustomResourceSchema> schema;
  if (version.has_schema() && version.schema().has_openapiv3schema()) {
    info->openapi_schema = version.schema().openapiv3schema().raw();
    absl::StatusOr<std::unique_ptr<const crd_schema::CustomResourceSchema>> parsed =
        crd_schema::CustomResourceSchema::Parse(version.schema().openapiv3schema().raw());
    if (!parsed.ok()) return parsed.status();
    schema = std::move(*parsed);
  }
  auto strategy = std::make_unique<CustomResourceStrategy>(std::move(schema), status);
  const CustomResourceStrategy* pruner = strategy.get();
  info->prune = [pruner](google::protobuf::Message& object, std::vector<std::string>& dropped) {
    pruner->Prune(object, dropped);
  };
  info->strategy = std::move(strategy);
  info->printer = std::make_unique<CustomResourcePrinter>(PrinterColumnsOf(version));
  return info;
}

}  // namespace

bool VersionPriorityLess(const std::string& a, const std::string& b) {
  std::optional<KubeVersion> ka = ParseKubeVersion(a), kb = ParseKubeVersion(b);
  if (ka.has_value() != kb.has_value()) return ka.has_value();
  if (!ka.has_value()) return a < b;
  if (ka->stability != kb->stability) return ka->stability > kb->stability;
  if (ka->major != kb->major) return ka->major > kb->major;
  return ka->minor > kb->minor;
}

absl::StatusOr<std::unique_ptr<Serving>> Serving::Build(const CustomResourceDefinition& crd,
                                                        storage::Storage& storage,
                                                        NamespaceCheck namespace_check,
                                                        WatchCacheFeeder* feeder,
                                                        const admission::Chain* admission) {
  std::unique_ptr<Serving> serving(new Serving());
  serving->built_from_ = Identity(crd);
  std::vector<const CustomResourceDefinitionVersion*> versions;
  for (const auto& version : crd.spec().versions()) {
    if (version.storage()) {
      absl::StatusOr<std::shared_ptr<ResourceInfo>> info = InfoFor(crd, version);
      if (!info.ok()) return info.status();
      serving->stored_ = std::move(*info);
    }
    if (version.served()) versions.push_back(&version);
  }
  if (serving->stored_ == nullptr) return absl::InvalidArgumentError("no storage version");
  std::sort(versions.begin(), versions.end(),
            [](const auto* a, const auto* b) { return VersionPriorityLess(a->name(), b->name()); });

  const std::shared_ptr<ResourceInfo> stored = serving->stored_;
  if (feeder != nullptr) {
    serving->cache_ = std::make_unique<WatchCache>(
        stored->StoragePrefix(),
        [stored](const storage::KeyValue& kv) { return Store::DecodeStored(*stored, kv); });
  }
  for (const CustomResourceDefinitionVersion* version : versions) {
    Version served;
    if (version->storage()) {
      served.info = stored;
      served.store =
          std::make_unique<Store>(storage, *stored, namespace_check, serving->cache_.get());
    } else {
      absl::StatusOr<std::shared_ptr<ResourceInfo>> info = InfoFor(crd, *version);
      if (!info.ok()) return info.status();
      const google::protobuf::Message* served_type = (*info)->prototype;
      const google::protobuf::Message* stored_type = stored->prototype;
      (*info)->stored_as =
          StorageConversion{stored->group, stored->version, stored->kind,
                            [stored_type](const google::protobuf::Message& object) {
                              return Rewrap(object, *stored_type);
                            },
                            [served_type](const google::protobuf::Message& object) {
                              return Rewrap(object, *served_type);
                            }};
      served.info = std::move(*info);
      served.store = std::make_unique<Store>(storage, *served.info, namespace_check,
                                             serving->cache_.get(), stored.get());
    }
    served.store->set_admission(admission);
    serving->served_.push_back(std::move(served));
  }
  if (serving->cache_ != nullptr) {
    if (absl::Status joined = feeder->AddCache(serving->cache_.get()); !joined.ok()) {
      return joined;
    }
    serving->feeder_ = feeder;
  }
  return serving;
}

std::string Serving::Identity(const CustomResourceDefinition& crd) {
  return StrCat(crd.metadata().uid(), "/", crd.metadata().generation(), "/",
                crd.status().acceptednames().SerializeAsString());
}

Serving::~Serving() {
  if (feeder_ != nullptr) feeder_->RemoveCache(cache_.get());
}

void Serving::Compacted(storage::Revision revision) const {
  if (cache_ != nullptr) cache_->Compact(revision);
}

}  // namespace kube::apiserver::customresource
