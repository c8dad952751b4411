#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <google/protobuf/message.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/client/client.h"
#include "common/client/typed_informer.h"
#include "common/selectors/label_selector.h"
#include "controller-manager/replicaset/replica_status.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::kcm::replicaset {

// One ReplicationController or ReplicaSet as the shared core sees it. The pointers
// point into `object`, which the informer cache shares and nobody mutates.
struct ReplicaOwner {
  client::CachedObject object;
  const k8s::meta::v1::ObjectMeta* meta = nullptr;
  int32_t replicas = 1;
  int32_t min_ready_seconds = 0;
  selectors::LabelSelector selector;
  const k8s::core::v1::PodTemplateSpec* pod_template = nullptr;  // null: no template
  ReplicaStatus status;

  std::string key() const { return client::ObjectKey(meta->namespace_(), meta->name()); }
};

// What differs between the kinds the replica core manages: how to read one from
// the cache and how to write its status. Implementations: replicaset_kind.h
// (apps/v1 ReplicaSet) and replication/replication_kind.h (v1 ReplicationController).
class ReplicaKind {
 public:
  virtual ~ReplicaKind() = default;

  virtual const std::string& kind() const = 0;         // "ReplicaSet"
  virtual const std::string& api_version() const = 0;  // "apps/v1"

  // From the informer cache. nullopt when absent; an error for an invalid selector.
  virtual absl::StatusOr<std::optional<ReplicaOwner>> Get(const std::string& ns,
                                                          const std::string& name) const = 0;
  // Every owner in `ns` whose selector is valid.
  virtual std::vector<ReplicaOwner> List(const std::string& ns) const = 0;
  // The owner as the server has it now (adoption re-checks it is not being deleted).
  virtual absl::StatusOr<ReplicaOwner> GetLive(const std::string& ns,
                                               const std::string& name) const = 0;
  // PUT .../status with `status`, based on `owner` (409 when it is stale).
  virtual absl::Status WriteStatus(const ReplicaOwner& owner, const ReplicaStatus& status) = 0;
  // `changed` gets the key of every owner added or updated, `deleted` of every
  // owner removed. Handlers run on the informer's thread.
  virtual void AddEventHandlers(std::function<void(const std::string& key)> changed,
                                std::function<void(const std::string& key)> deleted) = 0;
  virtual bool HasSynced() const = 0;
};

// ReplicaKind for a type T with ReplicaSet's shape (metadata, spec.replicas,
// spec.minReadySeconds, spec.template and a status with the shared fields);
// `selector_of` reads T's selector, the one place the two kinds differ.
template <typename T>
class TypedReplicaKind : public ReplicaKind {
 public:
  using SelectorFunc = std::function<absl::StatusOr<selectors::LabelSelector>(const T&)>;

  TypedReplicaKind(std::string kind, std::string api_version, client::Client client,
                   client::Informer<T> informer, SelectorFunc selector_of)
      : kind_(std::move(kind)),
        api_version_(std::move(api_version)),
        client_(std::move(client)),
        informer_(std::move(informer)),
        selector_of_(std::move(selector_of)) {}

  const std::string& kind() const override { return kind_; }
  const std::string& api_version() const override { return api_version_; }

  absl::StatusOr<std::optional<ReplicaOwner>> Get(const std::string& ns,
                                                  const std::string& name) const override {
    std::shared_ptr<const T> object = informer_.lister().Get(ns, name);
    if (object == nullptr) return std::optional<ReplicaOwner>();
    absl::StatusOr<ReplicaOwner> owner = View(object);
    if (!owner.ok()) return owner.status();
    return std::optional<ReplicaOwner>(std::move(*owner));
  }

  std::vector<ReplicaOwner> List(const std::string& ns) const override {
    std::vector<ReplicaOwner> owners;
    for (std::shared_ptr<const T>& object : informer_.lister().List(ns)) {
      absl::StatusOr<ReplicaOwner> owner = View(std::move(object));
      if (owner.ok()) owners.push_back(std::move(*owner));
    }
    return owners;
  }

  absl::StatusOr<ReplicaOwner> GetLive(const std::string& ns,
                                       const std::string& name) const override {
    absl::StatusOr<std::unique_ptr<T>> object = client_.Get<T>(ns, name);
    if (!object.ok()) return object.status();
    return View(std::shared_ptr<const T>(std::move(*object)));
  }

  absl::Status WriteStatus(const ReplicaOwner& owner, const ReplicaStatus& status) override {
    T copy = static_cast<const T&>(*owner.object);
    auto* out = copy.mutable_status();
    out->set_replicas(status.replicas);
    out->set_fullylabeledreplicas(status.fully_labeled_replicas);
    out->set_readyreplicas(status.ready_replicas);
    out->set_availablereplicas(status.available_replicas);
    out->set_observedgeneration(status.observed_generation);
    return client_.UpdateStatus(copy).status();
  }

  void AddEventHandlers(std::function<void(const std::string& key)> changed,
                        std::function<void(const std::string& key)> deleted) override {
    informer_.AddEventHandler({
        .on_add = [changed](const std::shared_ptr<const T>& object) {
          changed(client::ObjectKey(*object));
        },
        .on_update = [changed](const std::shared_ptr<const T>&,
                               const std::shared_ptr<const T>& object) {
          changed(client::ObjectKey(*object));
        },
        .on_delete = [deleted](const client::TypedDeletedObject<T>& gone) { deleted(gone.key); },
    });
  }

  bool HasSynced() const override { return informer_.HasSynced(); }

 private:
  absl::StatusOr<ReplicaOwner> View(std::shared_ptr<const T> object) const {
    absl::StatusOr<selectors::LabelSelector> selector = selector_of_(*object);
    if (!selector.ok()) return selector.status();
    ReplicaOwner owner;
    owner.meta = &object->metadata();
    owner.replicas = object->spec().has_replicas() ? object->spec().replicas() : 1;
    owner.min_ready_seconds = object->spec().minreadyseconds();
    owner.selector = std::move(*selector);
    owner.pod_template = object->spec().has_template_() ? &object->spec().template_() : nullptr;
    const auto& status = object->status();
    owner.status = ReplicaStatus{status.replicas(), status.fullylabeledreplicas(),
                                 status.readyreplicas(), status.availablereplicas(),
                                 status.observedgeneration()};
    owner.object = std::move(object);
    return owner;
  }

  const std::string kind_;
  const std::string api_version_;
  const client::Client client_;
  client::Informer<T> informer_;
  const SelectorFunc selector_of_;
};

}  // namespace kube::kcm::replicaset
