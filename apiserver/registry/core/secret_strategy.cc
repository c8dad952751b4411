#include "apiserver/registry/core/secret_strategy.h"

#include <map>

#include "apiserver/registry/core/config_map_strategy.h"
#include "apiserver/registry/core/field_path.h"
#include "common/validation/names.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver::core {
namespace {

using k8s::core::v1::Secret;

const Secret& AsSecret(const google::protobuf::Message& object) { return static_cast<const Secret&>(object); }

void RequireKey(const Secret& secret, const std::string& key, api::FieldErrors& errors) {
  if (!secret.data().contains(key)) errors.push_back(api::Required(Key("data", key)));
}

void ValidateType(const Secret& secret, api::FieldErrors& errors) {
  const std::string& type = secret.type();
  if (type == "kubernetes.io/service-account-token") {
    // The token and uid are filled in later by the token controller.
    auto name = secret.metadata().annotations().find("kubernetes.io/service-account.name");
    if (name == secret.metadata().annotations().end() || name->second.empty()) {
      errors.push_back(api::Required(Key("metadata.annotations", "kubernetes.io/service-account.name")));
    }
  } else if (type == "kubernetes.io/dockercfg") {
    RequireKey(secret, ".dockercfg", errors);
  } else if (type == "kubernetes.io/dockerconfigjson") {
    RequireKey(secret, ".dockerconfigjson", errors);
  } else if (type == "kubernetes.io/basic-auth") {
    if (!secret.data().contains("username") && !secret.data().contains("password")) {
      RequireKey(secret, "username", errors);
      RequireKey(secret, "password", errors);
    }
  } else if (type == "kubernetes.io/ssh-auth") {
    auto key = secret.data().find("ssh-privatekey");
    if (key == secret.data().end() || key->second.empty()) {
      errors.push_back(api::Required(Key("data", "ssh-privatekey")));
    }
  } else if (type == "kubernetes.io/tls") {
    RequireKey(secret, "tls.crt", errors);
    RequireKey(secret, "tls.key", errors);
  }
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

void SecretStrategy::Default(google::protobuf::Message& object) const {
  auto& secret = static_cast<Secret&>(object);
  if (secret.type().empty()) secret.set_type("Opaque");
  // As the v1 conversion: stringData overwrites data and is never stored.
  for (const auto& [key, value] : secret.stringdata()) (*secret.mutable_data())[key] = value;
  secret.clear_stringdata();
}

api::FieldErrors SecretStrategy::Validate(const google::protobuf::Message& object) const {
  const Secret& secret = AsSecret(object);
  api::FieldErrors errors;
  std::map<std::string, size_t> sizes;  // sorted for stable errors
  for (const auto& [key, value] : secret.data()) sizes.emplace(key, value.size());
  size_t total = 0;
  for (const auto& [key, size] : sizes) {
    for (const std::string& message : validation::IsConfigMapKey(key)) {
      errors.push_back(api::Invalid(Key("data", key), key, message));
    }
    total += size;
  }
  if (total > kMaxDataSize) errors.push_back(api::TooLong("data", "", kMaxDataSize));
  ValidateType(secret, errors);
  return errors;
}

api::FieldErrors SecretStrategy::ValidateUpdate(const google::protobuf::Message& object,
                                                const google::protobuf::Message& old) const {
  const Secret& secret = AsSecret(object);
  const Secret& previous = AsSecret(old);
  api::FieldErrors errors;
  if (secret.type() != previous.type()) {
    errors.push_back(api::Invalid("type", secret.type(), std::string(kImmutableMessage)));
  }
  if (previous.has_immutable() && previous.immutable()) {
    constexpr char kDetail[] = "field is immutable when `immutable` is set";
    if (!secret.has_immutable() || !secret.immutable()) errors.push_back(api::Forbidden("immutable", kDetail));
    if (!SameMap(secret.data(), previous.data())) errors.push_back(api::Forbidden("data", kDetail));
  }
  return errors;
}

std::optional<std::string> SecretStrategy::SelectableField(const google::protobuf::Message& object,
                                                           std::string_view field) const {
  if (field == "type") return AsSecret(object).type();
  return std::nullopt;
}

}  // namespace kube::apiserver::core
