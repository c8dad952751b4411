#include "apiserver/registry/storage/storage_class_strategy.h"

#include "absl/strings/ascii.h"
#include "apiserver/registry/core/field_path.h"
#include "apiserver/registry/storage/storage_names.h"
#include "apiserver/registry/storage/topology_validation.h"
#include "k8s/storage/v1/storage.pb.h"

namespace kube::apiserver {
namespace {

using k8s::storage::v1::StorageClass;

constexpr size_t kMaxParameters = 512;
constexpr size_t kMaxParametersSize = 256 * 1024;

void ValidateParameters(const google::protobuf::Map<std::string, std::string>& parameters,
                        api::FieldErrors& errors) {
  if (parameters.size() > kMaxParameters) {
    errors.push_back(api::TooLong("parameters", "", kMaxParameters));
    return;
  }
  size_t total = 0;
  for (const auto& [key, value] : parameters) {
    if (key.empty()) errors.push_back(api::Invalid("parameters", key, "field can not be empty."));
    total += key.size() + value.size();
  }
  if (total > kMaxParametersSize)
    errors.push_back(api::TooLong("parameters", "", kMaxParametersSize));
}

bool SameParameters(const StorageClass& a, const StorageClass& b) {
  if (a.parameters().size() != b.parameters().size()) return false;
  for (const auto& [key, value] : a.parameters()) {
    auto it = b.parameters().find(key);
    if (it == b.parameters().end() || it->second != value) return false;
  }
  return true;
}

}  // namespace

void StorageClassStrategy::Default(google::protobuf::Message& object) const {
  auto& storage_class = static_cast<StorageClass&>(object);
  if (!storage_class.has_reclaimpolicy()) storage_class.set_reclaimpolicy("Delete");
  if (!storage_class.has_volumebindingmode()) storage_class.set_volumebindingmode("Immediate");
}

api::FieldErrors StorageClassStrategy::Validate(const google::protobuf::Message& object) const {
  const auto& storage_class = static_cast<const StorageClass&>(object);
  api::FieldErrors errors;
  const std::string& provisioner = storage_class.provisioner();
  if (provisioner.empty()) {
    errors.push_back(api::Required("provisioner"));
  } else {
    storage_rules::ValidateQualifiedName(absl::AsciiStrToLower(provisioner), "provisioner", errors);
  }
  ValidateParameters(storage_class.parameters(), errors);
  const std::string& reclaim = storage_class.reclaimpolicy();
  if (!reclaim.empty() && reclaim != "Delete" && reclaim != "Retain") {
    errors.push_back(api::NotSupported("reclaimPolicy", reclaim, {"Delete", "Retain"}));
  }
  if (!storage_class.has_volumebindingmode()) {
    errors.push_back(api::Required("volumeBindingMode"));
  } else if (const std::string& mode = storage_class.volumebindingmode();
             mode != "Immediate" && mode != "WaitForFirstConsumer") {
    errors.push_back(
        api::NotSupported("volumeBindingMode", mode, {"Immediate", "WaitForFirstConsumer"}));
  }
  storage_rules::ValidateAllowedTopologies(storage_class.allowedtopologies(), "allowedTopologies",
                                           errors);
  return errors;
}

api::FieldErrors StorageClassStrategy::ValidateUpdate(const google::protobuf::Message& object,
                                                      const google::protobuf::Message& old) const {
  const auto& storage_class = static_cast<const StorageClass&>(object);
  const auto& old_class = static_cast<const StorageClass&>(old);
  api::FieldErrors errors;
  if (!SameParameters(storage_class, old_class)) {
    errors.push_back(api::Forbidden("parameters", "updates to parameters are forbidden."));
  }
  if (storage_class.provisioner() != old_class.provisioner()) {
    errors.push_back(api::Forbidden("provisioner", "updates to provisioner are forbidden."));
  }
  if (storage_class.reclaimpolicy() != old_class.reclaimpolicy()) {
    errors.push_back(api::Forbidden("reclaimPolicy", "updates to reclaimPolicy are forbidden."));
  }
  if (storage_class.volumebindingmode() != old_class.volumebindingmode()) {
    errors.push_back(api::Invalid("volumeBindingMode", storage_class.volumebindingmode(),
                                  std::string(core::kImmutableMessage)));
  }
  return errors;
}

}  // namespace kube::apiserver
