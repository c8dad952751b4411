#include "apiserver/generic/store_informer.h"

#include "common/log/log.h"

namespace kube::apiserver {
namespace {

// How long one wait for events lasts: the bound on WaitUntilCurrent when idle.
constexpr absl::Duration kPollInterval = absl::Milliseconds(50);
// Pause before listing again after a failed list.
constexpr absl::Duration kRetryDelay = absl::Milliseconds(200);

}  // namespace

StoreInformer::StoreInformer(const Store& store, Handler handler)
    : store_(store), handler_(std::move(handler)), thread_([this] { Run(); }) {}

StoreInformer::~StoreInformer() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  thread_.join();
}

bool StoreInformer::WaitForSync(absl::Duration timeout) {
  absl::MutexLock lock(&mu_);
  auto synced = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) { return synced_ || stopping_; };
  return mu_.AwaitWithTimeout(absl::Condition(&synced), timeout) && synced_;
}

bool StoreInformer::WaitUntilCurrent(absl::Duration timeout) {
  const absl::Time asked = absl::Now();
  absl::MutexLock lock(&mu_);
  auto current = [this, asked]() ABSL_SHARED_LOCKS_REQUIRED(mu_) {
    return current_as_of_ >= asked || stopping_;
  };
  return mu_.AwaitWithTimeout(absl::Condition(&current), timeout);
}

bool StoreInformer::stopping() {
  absl::MutexLock lock(&mu_);
  return stopping_;
}

void StoreInformer::Run() {
  while (!stopping()) {
    ListAndWatch();
    if (!stopping()) absl::SleepFor(kRetryDelay);
  }
}

void StoreInformer::ListAndWatch() {
  const absl::Time listed_at = absl::Now();
  absl::StatusOr<ListResult> list = store_.List("", ListParams{});
  if (!list.ok()) {
    KLOG(Warning) << "informer on " << store_.resource().resource
                  << ": list failed: " << list.status().message();
    return;
  }
  std::vector<SharedObject> objects;
  objects.reserve(list->items.size());
  for (ObjectPtr& item : list->items) objects.push_back(std::move(item));
  handler_.replace(std::move(objects));
  WatchParams params;
  params.resource_version = std::to_string(list->revision);
  absl::StatusOr<std::unique_ptr<WatchStream>> watch = store_.Watch("", params);
  if (!watch.ok()) {
    KLOG(Warning) << "informer on " << store_.resource().resource
                  << ": watch failed: " << watch.status().message();
    return;
  }
  {
    absl::MutexLock lock(&mu_);
    synced_ = true;
    current_as_of_ = listed_at;
  }
  while (!stopping()) {
    // Everything the watch held when this wait began is in what it returns.
    const absl::Time waited_at = absl::Now();
    absl::StatusOr<std::vector<WatchEvent>> events = (*watch)->Next(kPollInterval);
    if (!events.ok()) return;  // expired or dropped: list again
    for (const WatchEvent& event : *events) {
      if (event.type == "ERROR") return;
      if (event.type == "ADDED" || event.type == "MODIFIED" || event.type == "DELETED") {
        handler_.apply(event);
      }
    }
    absl::MutexLock lock(&mu_);
    current_as_of_ = waited_at;
  }
}

}  // namespace kube::apiserver
