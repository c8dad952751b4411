#include "apiserver/storage/sqlite/watch_hub.h"

#include <algorithm>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace kube::storage::sqlite {

WatcherQueue::WatcherQueue(std::string prefix, Revision after_revision, size_t capacity)
    : prefix_(std::move(prefix)), after_revision_(after_revision), capacity_(capacity) {}

bool WatcherQueue::Push(const std::shared_ptr<const Event>& event) {
  absl::MutexLock lock(&mu_);
  if (!status_.ok()) return false;
  if (event->kv.mod_revision <= after_revision_) return true;
  if (!absl::StartsWith(event->kv.key, prefix_)) return true;
  if (events_.size() >= capacity_) {
    OverflowLocked();
    return false;
  }
  events_.push_back(event);
  return true;
}

void WatcherQueue::PrependHistory(std::vector<Event> history) {
  absl::MutexLock lock(&mu_);
  if (!status_.ok()) return;
  if (history.size() + events_.size() > capacity_) {
    OverflowLocked();
    return;
  }
  for (auto it = history.rbegin(); it != history.rend(); ++it) {
    events_.push_front(std::make_shared<const Event>(std::move(*it)));
  }
}

void WatcherQueue::End(absl::Status status) {
  absl::MutexLock lock(&mu_);
  if (status_.ok()) status_ = std::move(status);
}

void WatcherQueue::OverflowLocked() {
  events_.clear();
  status_ = absl::ResourceExhaustedError(
      absl::StrCat("watch on \"", prefix_, "\" fell behind by more than ", capacity_, " events"));
}

absl::StatusOr<std::vector<Event>> WatcherQueue::Next(absl::Duration timeout) {
  std::deque<std::shared_ptr<const Event>> taken;
  {
    absl::MutexLock lock(&mu_);
    mu_.AwaitWithTimeout(absl::Condition(this, &WatcherQueue::ReadyLocked), timeout);
    // An ended stream reports its end at once; for Cancelled the reader re-watches from
    // its last revision anyway, so dropping the few buffered events loses nothing.
    if (!status_.ok()) return status_;
    taken.swap(events_);
  }
  // Copy outside the lock so a large batch never holds up the writer pushing to us.
  std::vector<Event> out;
  out.reserve(taken.size());
  for (const auto& event : taken) out.push_back(*event);
  return out;
}

absl::StatusOr<Revision> WatchHub::Register(std::shared_ptr<WatcherQueue> queue) {
  absl::MutexLock lock(&mu_);
  if (closed_) return absl::CancelledError("storage closed");
  watchers_.push_back(std::move(queue));
  return last_published_;
}

void WatchHub::Unregister(const WatcherQueue* queue) {
  absl::MutexLock lock(&mu_);
  auto it = std::find_if(watchers_.begin(), watchers_.end(),
                         [queue](const auto& w) { return w.get() == queue; });
  if (it == watchers_.end()) return;  // already dropped (overflow or close)
  std::swap(*it, watchers_.back());
  watchers_.pop_back();
}

void WatchHub::Publish(Event event) {
  auto shared = std::make_shared<const Event>(std::move(event));
  absl::MutexLock lock(&mu_);
  last_published_ = shared->kv.mod_revision;
  // Drop watchers that overflowed; order among watchers does not matter.
  watchers_.erase(std::remove_if(watchers_.begin(), watchers_.end(),
                                 [&shared](const auto& w) { return !w->Push(shared); }),
                  watchers_.end());
}

void WatchHub::Close() {
  absl::MutexLock lock(&mu_);
  closed_ = true;
  for (const auto& watcher : watchers_) watcher->End(absl::CancelledError("storage closed"));
  watchers_.clear();
}

size_t WatchHub::WatcherCount() {
  absl::MutexLock lock(&mu_);
  return watchers_.size();
}

namespace {

class HubWatch final : public Watch {
 public:
  HubWatch(std::shared_ptr<WatchHub> hub, std::shared_ptr<WatcherQueue> queue)
      : hub_(std::move(hub)), queue_(std::move(queue)) {}
  ~HubWatch() override { hub_->Unregister(queue_.get()); }

  // Watch:
  absl::StatusOr<std::vector<Event>> Next(absl::Duration timeout) override {
    return queue_->Next(timeout);
  }

 private:
  const std::shared_ptr<WatchHub> hub_;
  const std::shared_ptr<WatcherQueue> queue_;
};

}  // namespace

std::unique_ptr<Watch> MakeHubWatch(std::shared_ptr<WatchHub> hub,
                                    std::shared_ptr<WatcherQueue> queue) {
  return std::make_unique<HubWatch>(std::move(hub), std::move(queue));
}

}  // namespace kube::storage::sqlite
