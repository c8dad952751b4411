#include "apiserver/server/store_service_account_lookup.h"

#include "common/api/object.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver {
namespace {

using serviceaccount::ObjectRef;

// The cached object, nothing when it does not exist, or the lookup's error.
absl::StatusOr<SharedObject> Lookup(const StoreSet& stores, std::string_view kind,
                                    std::string_view ns, std::string_view name) {
  const Store* store = stores.Find("", kind);
  if (store == nullptr) return SharedObject();
  absl::StatusOr<SharedObject> object = store->GetCached(ns, name);
  if (absl::IsNotFound(object.status())) return SharedObject();
  return object;
}

ObjectRef RefOf(const google::protobuf::Message& object) {
  const k8s::meta::v1::ObjectMeta& meta = *api::ObjectMetaOf(object);
  ObjectRef ref;
  ref.uid = meta.uid();
  if (meta.has_deletiontimestamp()) {
    ref.deletion_timestamp = absl::FromUnixSeconds(meta.deletiontimestamp().seconds());
  }
  return ref;
}

}  // namespace

absl::StatusOr<std::optional<ObjectRef>> StoreServiceAccountLookup::GetServiceAccount(
    std::string_view namespace_name, std::string_view name) const {
  absl::StatusOr<SharedObject> object = Lookup(stores_, "ServiceAccount", namespace_name, name);
  if (!object.ok()) return object.status();
  if (*object == nullptr) return std::nullopt;
  return RefOf(**object);
}

absl::StatusOr<std::optional<ObjectRef>> StoreServiceAccountLookup::GetPod(
    std::string_view namespace_name, std::string_view name) const {
  absl::StatusOr<SharedObject> object = Lookup(stores_, "Pod", namespace_name, name);
  if (!object.ok()) return object.status();
  if (*object == nullptr) return std::nullopt;
  ObjectRef ref = RefOf(**object);
  const auto& pod = static_cast<const k8s::core::v1::Pod&>(**object);
  ref.node_name = pod.spec().nodename();
  ref.service_account_name = pod.spec().serviceaccountname();
  return ref;
}

absl::StatusOr<std::optional<ObjectRef>> StoreServiceAccountLookup::GetSecret(
    std::string_view namespace_name, std::string_view name) const {
  absl::StatusOr<SharedObject> object = Lookup(stores_, "Secret", namespace_name, name);
  if (!object.ok()) return object.status();
  if (*object == nullptr) return std::nullopt;
  ObjectRef ref = RefOf(**object);
  const auto& secret = static_cast<const k8s::core::v1::Secret&>(**object);
  auto token = secret.data().find("token");
  if (token != secret.data().end()) ref.token = token->second;
  auto invalid = secret.metadata().labels().find("kubernetes.io/legacy-token-invalid-since");
  if (invalid != secret.metadata().labels().end()) ref.legacy_token_invalid_since = invalid->second;
  return ref;
}

absl::StatusOr<std::optional<ObjectRef>> StoreServiceAccountLookup::GetNode(
    std::string_view name) const {
  absl::StatusOr<SharedObject> object = Lookup(stores_, "Node", "", name);
  if (!object.ok()) return object.status();
  if (*object == nullptr) return std::nullopt;
  return RefOf(**object);
}

}  // namespace kube::apiserver
