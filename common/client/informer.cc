#include "common/client/informer.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "common/api/object.h"

namespace kube::client {
namespace {

// The informer whose dispatch thread this is, if any: lets a handler remove
// handlers without waiting for itself.
thread_local const void* current_dispatcher = nullptr;

// At most this many notifications are taken per batch, so that a removed handler
// stops being called soon.
constexpr size_t kMaxBatch = 256;

const std::string& ResourceVersionOf(const google::protobuf::Message& object) {
  static const std::string kNone;
  const k8s::meta::v1::ObjectMeta* meta = api::ObjectMetaOf(object);
  return meta == nullptr ? kNone : meta->resourceversion();
}

}  // namespace

SharedInformer::SharedInformer(std::shared_ptr<Transport> transport, Resource resource,
                               InformerOptions options)
    : resource_(resource), options_(options), indexer_(std::make_shared<Indexer>()),
      reflector_(std::move(transport), std::move(resource), std::move(options), this) {}

SharedInformer::~SharedInformer() { Stop(); }

absl::Status SharedInformer::AddIndex(std::string name, IndexFunc func) {
  absl::MutexLock lock(&mu_);
  return indexer_->AddIndex(std::move(name), std::move(func));
}

HandlerId SharedInformer::AddEventHandler(EventHandlers handlers) {
  absl::MutexLock lock(&mu_);
  HandlerId id = next_handler_id_++;
  for (CachedObject& object : indexer_->List()) {
    Notification add = Added(std::move(object));
    add.target = id;
    Notify(std::move(add));
  }
  handlers_.push_back(std::make_shared<const Handler>(Handler{id, std::move(handlers),
                                                              next_sequence_}));
  return id;
}

void SharedInformer::RemoveEventHandler(HandlerId id) {
  {
    absl::MutexLock lock(&mu_);
    std::erase_if(handlers_, [id](const auto& handler) { return handler->id == id; });
  }
  // A batch taken before the removal finishes before we return.
  if (current_dispatcher != this) absl::MutexLock wait(&delivery_mu_);
}

void SharedInformer::Start() {
  absl::MutexLock lifecycle(&lifecycle_mu_);
  {
    absl::MutexLock lock(&mu_);
    if (started_ || stopping_) return;
    started_ = true;
  }
  reflector_thread_ = std::thread([this] { reflector_.Run(); });
  dispatch_thread_ = std::thread([this] { Dispatch(); });
}

void SharedInformer::RequestStop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  reflector_.Stop();
}

void SharedInformer::Stop() {
  absl::MutexLock lifecycle(&lifecycle_mu_);
  RequestStop();
  if (reflector_thread_.joinable()) reflector_thread_.join();
  if (dispatch_thread_.joinable()) dispatch_thread_.join();
}

bool SharedInformer::HasSynced() const {
  absl::MutexLock lock(&mu_);
  return synced_;
}

bool SharedInformer::SyncedOrStopping() const { return synced_ || stopping_; }

bool SharedInformer::WaitForCacheSync(absl::Duration timeout) const {
  absl::MutexLock lock(&mu_);
  mu_.AwaitWithTimeout(absl::Condition(this, &SharedInformer::SyncedOrStopping), timeout);
  return synced_;
}

SharedInformer::Notification SharedInformer::Added(CachedObject object) {
  Notification notification;
  notification.change = Change::kAdd;
  notification.object = std::move(object);
  return notification;
}

SharedInformer::Notification SharedInformer::Updated(CachedObject old_object,
                                                     CachedObject new_object) {
  Notification notification;
  notification.change = Change::kUpdate;
  notification.old_object = std::move(old_object);
  notification.object = std::move(new_object);
  return notification;
}

SharedInformer::Notification SharedInformer::Deleted(std::string key, CachedObject object,
                                                     bool final_state_unknown) {
  Notification notification;
  notification.change = Change::kDelete;
  notification.key = std::move(key);
  notification.object = std::move(object);
  notification.final_state_unknown = final_state_unknown;
  return notification;
}

void SharedInformer::Notify(Notification notification) {
  notification.sequence = next_sequence_++;
  queue_.push_back(std::move(notification));
}

void SharedInformer::Replace(std::vector<CachedObject> objects) {
  absl::MutexLock lock(&mu_);
  absl::flat_hash_set<std::string> listed;
  listed.reserve(objects.size());
  for (CachedObject& object : objects) {
    listed.insert(ObjectKey(*object));
    CachedObject old = indexer_->Upsert(object);
    if (old == nullptr) {
      Notify(Added(std::move(object)));
    } else if (ResourceVersionOf(*old) != ResourceVersionOf(*object)) {
      Notify(Updated(std::move(old), std::move(object)));
    }
  }
  for (std::string& key : indexer_->ListKeys()) {
    if (listed.contains(key)) continue;
    CachedObject last = indexer_->Remove(key);
    Notify(Deleted(std::move(key), std::move(last), /*final_state_unknown=*/true));
  }
  if (!synced_) {
    synced_ = true;
    if (options_.resync_period > absl::ZeroDuration()) {
      next_resync_ = absl::Now() + options_.resync_period;
    }
  }
}

void SharedInformer::Upsert(CachedObject object) {
  absl::MutexLock lock(&mu_);
  CachedObject old = indexer_->Upsert(object);
  if (old == nullptr) {
    Notify(Added(std::move(object)));
  } else {
    Notify(Updated(std::move(old), std::move(object)));
  }
}

void SharedInformer::Delete(CachedObject object) {
  std::string key = ObjectKey(*object);
  absl::MutexLock lock(&mu_);
  indexer_->Remove(key);
  Notify(Deleted(std::move(key), std::move(object), /*final_state_unknown=*/false));
}

void SharedInformer::QueueResync() {
  for (CachedObject& object : indexer_->List()) {
    CachedObject same = object;
    Notify(Updated(std::move(same), std::move(object)));
  }
  next_resync_ = absl::Now() + options_.resync_period;
}

bool SharedInformer::HasWork() const {
  return !queue_.empty() || stopping_ || (synced_ && absl::Now() >= next_resync_);
}

void SharedInformer::Dispatch() {
  current_dispatcher = this;
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      absl::Duration until_resync = next_resync_ - absl::Now();
      mu_.AwaitWithTimeout(absl::Condition(this, &SharedInformer::HasWork),
                           std::clamp(until_resync, absl::ZeroDuration(), absl::Seconds(1)));
      if (stopping_) return;
      if (synced_ && absl::Now() >= next_resync_) QueueResync();
      if (queue_.empty()) continue;
    }
    absl::MutexLock delivery(&delivery_mu_);
    std::vector<Notification> batch;
    std::vector<std::shared_ptr<const Handler>> handlers;
    {
      absl::MutexLock lock(&mu_);
      if (stopping_) return;
      size_t count = std::min(queue_.size(), kMaxBatch);
      batch.reserve(count);
      for (size_t i = 0; i < count; ++i) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
      handlers = handlers_;
    }
    for (const Notification& notification : batch) {
      for (const auto& handler : handlers) {
        bool wanted = notification.target != 0 ? notification.target == handler->id
                                               : notification.sequence >= handler->first_sequence;
        if (wanted) Deliver(notification, handler->handlers);
      }
    }
  }
}

void SharedInformer::Deliver(const Notification& notification, const EventHandlers& handlers) {
  switch (notification.change) {
    case Change::kAdd:
      if (handlers.on_add) handlers.on_add(notification.object);
      break;
    case Change::kUpdate:
      if (handlers.on_update) handlers.on_update(notification.old_object, notification.object);
      break;
    case Change::kDelete:
      if (handlers.on_delete) {
        handlers.on_delete(DeletedObject{notification.key, notification.object,
                                         notification.final_state_unknown});
      }
      break;
  }
}

}  // namespace kube::client
