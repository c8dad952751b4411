#include "apiserver/registry/core/config_map_strategy.h"

#include <map>

#include "apiserver/registry/core/field_path.h"
#include "common/validation/names.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver::core {
namespace {

using k8s::core::v1::ConfigMap;

const ConfigMap& AsConfigMap(const google::protobuf::Message& object) {
  return static_cast<const ConfigMap&>(object);
}

template <typename Map>
bool SameMap(const Map& a, const Map& b) {
  if (a.size() != b.size()) return false;
  for (const auto& [key, value] : a) {
    auto it = b.find(key);
    if (it == b.end() || it->second != value) return false;
  }
  return true;
}

}  // namespace

api::FieldErrors ConfigMapStrategy::Validate(const google::protobuf::Message& object) const {
  const ConfigMap& config = AsConfigMap(object);
  api::FieldErrors errors;
  size_t total = 0;
  std::map<std::string, const std::string*> data;  // sorted for stable errors
  for (const auto& [key, value] : config.data()) data.emplace(key, &value);
  for (const auto& [key, value] : data) {
    for (const std::string& message : validation::IsConfigMapKey(key)) {
      errors.push_back(api::Invalid(Key("data", key), key, message));
    }
    if (config.binarydata().contains(key)) {
      errors.push_back(api::Invalid(Key("data", key), key, "duplicate of key present in binaryData"));
    }
    total += value->size();
  }
  std::map<std::string, size_t> binary;
  for (const auto& [key, value] : config.binarydata()) binary.emplace(key, value.size());
  for (const auto& [key, size] : binary) {
    for (const std::string& message : validation::IsConfigMapKey(key)) {
      errors.push_back(api::Invalid(Key("binaryData", key), key, message));
    }
    total += size;
  }
  if (total > kMaxDataSize) errors.push_back(api::TooLong("", "", kMaxDataSize));
  return errors;
}

api::FieldErrors ConfigMapStrategy::ValidateUpdate(const google::protobuf::Message& object,
                                                   const google::protobuf::Message& old) const {
  const ConfigMap& config = AsConfigMap(object);
  const ConfigMap& previous = AsConfigMap(old);
  api::FieldErrors errors;
  if (previous.has_immutable() && previous.immutable()) {
    constexpr char kDetail[] = "field is immutable when `immutable` is set";
    if (!config.has_immutable() || !config.immutable()) errors.push_back(api::Forbidden("immutable", kDetail));
    if (!SameMap(config.data(), previous.data())) errors.push_back(api::Forbidden("data", kDetail));
    if (!SameMap(config.binarydata(), previous.binarydata())) {
      errors.push_back(api::Forbidden("binaryData", kDetail));
    }
  }
  return errors;
}

}  // namespace kube::apiserver::core
