#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "common/client/informer.h"
#include "common/client/lister.h"
#include "common/client/resources.h"

namespace kube::client {

template <typename T>
struct TypedDeletedObject {
  std::string key;
  std::shared_ptr<const T> object;  // the last state known; see DeletedObject
  bool final_state_unknown = false;
};

// EventHandlers with the objects as T. Same threading rules.
template <typename T>
struct TypedEventHandlers {
  std::function<void(const std::shared_ptr<const T>& object)> on_add;
  std::function<void(const std::shared_ptr<const T>& old_object,
                     const std::shared_ptr<const T>& new_object)>
      on_update;
  std::function<void(const TypedDeletedObject<T>& deleted)> on_delete;
};

// A typed handle on a SharedInformer of T's resource:
//
//   auto pods = Informer<Pod>::New(transport, {.field_selector = "spec.nodeName=n1"});
//   pods.AddEventHandler({.on_add = [&](const auto& pod) { queue.Add(...); }});
//   pods.Start();
//   pods.WaitForCacheSync(absl::Seconds(30));
//   std::shared_ptr<const Pod> pod = pods.lister().Get("default", "web-1");
//
// Copies share the informer.
template <typename T>
class Informer {
 public:
  explicit Informer(std::shared_ptr<SharedInformer> informer) : informer_(std::move(informer)) {}

  static Informer New(std::shared_ptr<Transport> transport, InformerOptions options = {}) {
    return Informer(
        std::make_shared<SharedInformer>(std::move(transport), ResourceFor<T>(), std::move(options)));
  }

  HandlerId AddEventHandler(TypedEventHandlers<T> typed) {
    EventHandlers handlers;
    if (typed.on_add) {
      handlers.on_add = [f = std::move(typed.on_add)](const CachedObject& object) {
        f(Cast(object));
      };
    }
    if (typed.on_update) {
      handlers.on_update = [f = std::move(typed.on_update)](const CachedObject& old_object,
                                                            const CachedObject& new_object) {
        f(Cast(old_object), Cast(new_object));
      };
    }
    if (typed.on_delete) {
      handlers.on_delete = [f = std::move(typed.on_delete)](const DeletedObject& deleted) {
        f(TypedDeletedObject<T>{deleted.key, Cast(deleted.object), deleted.final_state_unknown});
      };
    }
    return informer_->AddEventHandler(std::move(handlers));
  }
  void RemoveEventHandler(HandlerId id) { informer_->RemoveEventHandler(id); }

  // An index over T, e.g. pods by node:
  //   AddIndex("nodeName", [](const Pod& p) { return std::vector{p.spec().nodename()}; })
  absl::Status AddIndex(std::string name, std::function<std::vector<std::string>(const T&)> func) {
    return informer_->AddIndex(std::move(name),
                               [f = std::move(func)](const google::protobuf::Message& object) {
                                 return f(static_cast<const T&>(object));
                               });
  }

  Lister<T> lister() const { return Lister<T>(informer_->indexer()); }
  void Start() { informer_->Start(); }
  void Stop() { informer_->Stop(); }
  bool HasSynced() const { return informer_->HasSynced(); }
  bool WaitForCacheSync(absl::Duration timeout) const {
    return informer_->WaitForCacheSync(timeout);
  }
  SharedInformer& shared() const { return *informer_; }

 private:
  static std::shared_ptr<const T> Cast(const CachedObject& object) {
    return std::static_pointer_cast<const T>(object);
  }

  std::shared_ptr<SharedInformer> informer_;  // never null
};

}  // namespace kube::client
