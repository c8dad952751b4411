#pragma once

#include <memory>
#include <string>
#include <vector>

#include <google/protobuf/message.h>

#include "absl/status/statusor.h"
#include "common/client/resources.h"
#include "common/client/transport.h"
#include "k8s/meta/v1/meta.pb.h"

namespace kube::client {

// Media types for Client::Patch and Transport::Patch.
inline constexpr char kJsonPatch[] = "application/json-patch+json";
inline constexpr char kMergePatch[] = "application/merge-patch+json";
inline constexpr char kStrategicMergePatch[] = "application/strategic-merge-patch+json";
inline constexpr char kApplyPatch[] = "application/apply-patch+yaml";

// One page of a typed list.
template <typename T>
struct TypedList {
  std::vector<std::unique_ptr<T>> items;
  std::string resource_version;
  std::string continue_token;
};

namespace internal {
// `object` as a T, or Internal naming both types when the server answered with
// another kind.
absl::Status WrongType(const google::protobuf::Message& object,
                       const google::protobuf::Descriptor* expected);
}  // namespace internal

// Typed verbs over any Transport, for the built-in kinds:
//
//   Client client(transport);
//   absl::StatusOr<std::unique_ptr<Pod>> pod = client.Get<Pod>("default", "web-1");
//
// Writes take the namespace from the object's metadata (ignored for
// cluster-scoped kinds). Errors are the transport's (see transport.h). Thread-safe
// as the transport is; cheap to copy.
class Client {
 public:
  explicit Client(std::shared_ptr<Transport> transport) : transport_(std::move(transport)) {}

  Transport& transport() const { return *transport_; }
  const std::shared_ptr<Transport>& shared_transport() const { return transport_; }

  template <typename T>
  absl::StatusOr<std::unique_ptr<T>> Get(const std::string& ns, const std::string& name) const {
    return Typed<T>(transport_->Get(ResourceFor<T>(), ns, name));
  }

  // One page (all of it unless options.limit is set). `ns` "" lists all namespaces.
  template <typename T>
  absl::StatusOr<TypedList<T>> List(const std::string& ns,
                                    const ListOptions& options = {}) const {
    absl::StatusOr<ListResult> list = transport_->List(ResourceFor<T>(), ns, options);
    if (!list.ok()) return list.status();
    TypedList<T> typed;
    typed.resource_version = std::move(list->resource_version);
    typed.continue_token = std::move(list->continue_token);
    typed.items.reserve(list->items.size());
    for (ObjectPtr& item : list->items) {
      absl::StatusOr<std::unique_ptr<T>> one = Typed<T>(std::move(item));
      if (!one.ok()) return one.status();
      typed.items.push_back(std::move(*one));
    }
    return typed;
  }

  template <typename T>
  absl::StatusOr<std::unique_ptr<T>> Create(const T& object,
                                            const WriteOptions& options = {}) const {
    return Typed<T>(
        transport_->Create(ResourceFor<T>(), object.metadata().namespace_(), object, options));
  }

  // PUT: fails with Aborted (409 Conflict) when metadata.resourceVersion is stale.
  template <typename T>
  absl::StatusOr<std::unique_ptr<T>> Update(const T& object,
                                            const WriteOptions& options = {}) const {
    return Typed<T>(
        transport_->Update(ResourceFor<T>(), object.metadata().namespace_(), object, options));
  }

  // PUT to the status subresource: only the status is written.
  template <typename T>
  absl::StatusOr<std::unique_ptr<T>> UpdateStatus(const T& object,
                                                  const WriteOptions& options = {}) const {
    return Typed<T>(transport_->Update(ResourceFor<T>(), object.metadata().namespace_(), object,
                                       options, "status"));
  }

  // `patch_type` is one of the media types above; `subresource` may be "status".
  template <typename T>
  absl::StatusOr<std::unique_ptr<T>> Patch(const std::string& ns, const std::string& name,
                                           const std::string& patch_type,
                                           const std::string& patch,
                                           const WriteOptions& options = {},
                                           const std::string& subresource = "") const {
    return Typed<T>(transport_->Patch(ResourceFor<T>(), ns, name, patch_type, patch, options,
                                      subresource));
  }

  // The object as the server last stored it when it answers with one (a pod being
  // deleted gracefully, an object held by finalizers); nullptr when it answered
  // with a Status.
  template <typename T>
  absl::StatusOr<std::unique_ptr<T>> Delete(
      const std::string& ns, const std::string& name,
      const k8s::meta::v1::DeleteOptions& options = {}) const {
    absl::StatusOr<ObjectPtr> deleted = transport_->Delete(ResourceFor<T>(), ns, name, options);
    if (!deleted.ok()) return deleted.status();
    if (*deleted == nullptr) return std::unique_ptr<T>();
    return Typed<T>(std::move(*deleted));
  }

  template <typename T>
  absl::StatusOr<std::unique_ptr<WatchStream>> Watch(const std::string& ns,
                                                     const ListOptions& options) const {
    return transport_->Watch(ResourceFor<T>(), ns, options);
  }

  // Downcasts a transport result to T.
  template <typename T>
  static absl::StatusOr<std::unique_ptr<T>> Typed(absl::StatusOr<ObjectPtr> object) {
    if (!object.ok()) return object.status();
    if (*object == nullptr || (*object)->GetDescriptor() != T::descriptor()) {
      if (*object == nullptr) return absl::InternalError("the server returned no object");
      return internal::WrongType(**object, T::descriptor());
    }
    return std::unique_ptr<T>(static_cast<T*>(object->release()));
  }

 private:
  std::shared_ptr<Transport> transport_;  // thread-safe; never null
};

}  // namespace kube::client
