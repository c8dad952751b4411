#include "apiserver/watchcache/watch_cache.h"

#include "common/api/errors.h"
#include "common/log/log.h"
#include "common/util/strings.h"

namespace kube::apiserver {
namespace {

constexpr int64_t kListPage = 1000;
constexpr absl::Duration kPollInterval = absl::Milliseconds(200);

bool HasPrefix(std::string_view key, std::string_view prefix) {
  return key.size() >= prefix.size() && key.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

// The buffer of one watcher. The cache thread pushes (never waiting); the reader
// waits in Next.
class WatchCache::Watcher : public CacheWatch {
 public:
  Watcher(std::string prefix, storage::Revision after, size_t capacity)
      : prefix_(std::move(prefix)), after_(after), capacity_(capacity) {}

  const std::string& prefix() const { return prefix_; }

  // False once the watcher has ended: the cache forgets it.
  bool Push(const SharedEvent& event) {
    absl::MutexLock lock(&mu_);
    if (!status_.ok()) return false;
    if (event->revision <= after_ || !HasPrefix(event->key, prefix_)) return true;
    if (events_.size() >= capacity_) {
      events_.clear();
      status_ = absl::ResourceExhaustedError("watcher fell too far behind");
      return false;
    }
    events_.push_back(event);
    return true;
  }

  void End(absl::Status status) {
    absl::MutexLock lock(&mu_);
    if (status_.ok()) status_ = std::move(status);
  }

  absl::StatusOr<std::vector<SharedEvent>> Next(absl::Duration timeout) override {
    absl::MutexLock lock(&mu_);
    auto ready = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return !events_.empty() || !status_.ok();
    };
    mu_.AwaitWithTimeout(absl::Condition(&ready), timeout);
    if (!events_.empty()) {
      std::vector<SharedEvent> out(events_.begin(), events_.end());
      events_.clear();
      return out;
    }
    if (!status_.ok()) return status_;
    return std::vector<SharedEvent>{};
  }

 private:
  const std::string prefix_;
  const storage::Revision after_;
  const size_t capacity_;
  absl::Mutex mu_;
  std::deque<SharedEvent> events_ ABSL_GUARDED_BY(mu_);
  absl::Status status_ ABSL_GUARDED_BY(mu_);
};

WatchCache::WatchCache(std::string prefix, DecodeFunc decode, WatchCacheOptions options)
    : prefix_(std::move(prefix)), decode_(std::move(decode)), options_(options) {}

WatchCache::~WatchCache() {
  absl::MutexLock lock(&mu_);
  stopping_ = true;
  for (auto& watcher : watchers_) watcher->End(absl::CancelledError("the watch cache stopped"));
  watchers_.clear();
}

SharedObject WatchCache::Get(std::string_view key) {
  absl::MutexLock lock(&mu_);
  auto it = objects_.find(key);
  return it == objects_.end() ? nullptr : it->second;
}

storage::Revision WatchCache::revision() {
  absl::MutexLock lock(&mu_);
  return revision_;
}

void WatchCache::Reset(std::vector<storage::KeyValue> items, storage::Revision revision) {
  std::map<std::string, SharedObject, std::less<>> objects;
  for (const storage::KeyValue& kv : items) {
    absl::StatusOr<std::unique_ptr<google::protobuf::Message>> object = decode_(kv);
    if (object.ok()) {
      objects.emplace(kv.key, SharedObject(std::move(*object)));
    } else {
      KLOG(Error) << "watch cache " << prefix_ << ": cannot decode " << kv.key;
    }
  }
  absl::MutexLock lock(&mu_);
  // Watchers of the old state may have missed events: end them so their clients
  // re-watch (and get 410 if they are now older than the window).
  for (auto& watcher : watchers_) {
    watcher->End(absl::ResourceExhaustedError("the watch cache re-listed"));
  }
  watchers_.clear();
  objects_ = std::move(objects);
  history_.clear();
  history_start_ = revision;
  revision_ = revision;
  ready_ = true;
}

void WatchCache::Apply(const storage::Event& event) {
  auto cached = std::make_shared<CachedEvent>();
  cached->type = event.type;
  cached->revision = event.kv.mod_revision;
  cached->key = event.kv.key;
  absl::StatusOr<std::unique_ptr<google::protobuf::Message>> object = decode_(event.kv);
  if (!object.ok()) {
    KLOG(Error) << "watch cache " << prefix_ << ": cannot decode " << event.kv.key;
    return;
  }
  cached->object = SharedObject(std::move(*object));
  absl::MutexLock lock(&mu_);
  auto it = objects_.find(event.kv.key);
  if (it != objects_.end()) cached->previous = it->second;
  if (event.type == storage::EventType::kDeleted) {
    if (it != objects_.end()) objects_.erase(it);
  } else if (it != objects_.end()) {
    it->second = cached->object;
  } else {
    objects_.emplace(event.kv.key, cached->object);
  }
  revision_ = std::max(revision_, cached->revision);
  SharedEvent shared = std::move(cached);
  history_.push_back(shared);
  while (history_.size() > options_.history_events) {
    history_start_ = history_.front()->revision;
    history_.pop_front();
  }
  std::erase_if(watchers_, [&](const std::shared_ptr<Watcher>& watcher) {
    return !watcher->Push(shared);
  });
}

void WatchCache::Compact(storage::Revision revision) {
  absl::MutexLock lock(&mu_);
  while (!history_.empty() && history_.front()->revision <= revision) history_.pop_front();
  history_start_ = std::max(history_start_, std::min(revision, revision_));
}

void WatchCache::AdvanceTo(storage::Revision revision) {
  absl::MutexLock lock(&mu_);
  revision_ = std::max(revision_, revision);
}

absl::Status WatchCache::WaitForRevision(storage::Revision revision) {
  auto caught_up = [this, revision]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return stopping_ || (ready_ && revision_ >= revision);
  };
  if (!mu_.AwaitWithTimeout(absl::Condition(&caught_up), options_.catch_up_wait)) {
    return api::TimeoutError(StrCat("Too large resource version: ", revision,
                                    ", current: ", revision_));
  }
  if (stopping_) return absl::CancelledError("the watch cache stopped");
  return absl::OkStatus();
}

absl::StatusOr<WatchCache::Snapshot> WatchCache::List(std::string_view prefix,
                                                       storage::Revision min_revision) {
  absl::MutexLock lock(&mu_);
  if (absl::Status status = WaitForRevision(min_revision); !status.ok()) return status;
  Snapshot snapshot;
  snapshot.revision = revision_;
  for (auto it = objects_.lower_bound(prefix); it != objects_.end() && HasPrefix(it->first, prefix);
       ++it) {
    snapshot.objects.push_back(it->second);
  }
  return snapshot;
}

absl::StatusOr<std::unique_ptr<CacheWatch>> WatchCache::Watch(std::string_view prefix,
                                                              storage::Revision after_revision) {
  absl::MutexLock lock(&mu_);
  if (absl::Status status = WaitForRevision(after_revision); !status.ok()) return status;
  if (after_revision == 0) after_revision = revision_;
  if (after_revision < history_start_) {
    return api::ExpiredError(
        StrCat("too old resource version: ", after_revision, " (", history_start_, ")"));
  }
  auto watcher = std::make_shared<Watcher>(std::string(prefix), after_revision,
                                           options_.watcher_buffer);
  for (const SharedEvent& event : history_) {
    if (event->revision > after_revision) watcher->Push(event);
  }
  watchers_.push_back(watcher);
  // The caller owns the stream; the cache keeps a reference only to push to it.
  struct Handle : CacheWatch {
    std::shared_ptr<Watcher> watcher;
    ~Handle() override { watcher->End(absl::CancelledError("closed")); }
    absl::StatusOr<std::vector<SharedEvent>> Next(absl::Duration timeout) override {
      return watcher->Next(timeout);
    }
  };
  auto handle = std::make_unique<Handle>();
  handle->watcher = std::move(watcher);
  return std::unique_ptr<CacheWatch>(std::move(handle));
}

namespace {

// Longest prefix first, so the most specific cache wins a key.
void SortByPrefix(std::vector<WatchCache*>& caches) {
  std::stable_sort(caches.begin(), caches.end(), [](WatchCache* a, WatchCache* b) {
    return a->prefix().size() > b->prefix().size();
  });
}

}  // namespace

WatchCacheFeeder::WatchCacheFeeder(storage::Storage& storage, std::string root,
                                   std::vector<WatchCache*> caches)
    : storage_(storage), root_(std::move(root)), caches_([&caches] {
        SortByPrefix(caches);
        return caches;
      }()),
      thread_([this] { Run(); }) {}

absl::Status WatchCacheFeeder::AddCache(WatchCache* cache) {
  absl::MutexLock lock(&caches_mu_);
  if (applied_ > 0) {
    // The feed is between batches: fill the cache as of the revision it reached.
    std::vector<storage::KeyValue> items;
    storage::ListOptions options;
    options.prefix = cache->prefix();
    options.revision = applied_;
    options.limit = kListPage;
    while (true) {
      absl::StatusOr<storage::ListResult> listed = storage_.List(options);
      if (!listed.ok()) return listed.status();
      for (storage::KeyValue& kv : listed->items) items.push_back(std::move(kv));
      if (!listed->more || listed->items.empty()) break;
      options.start_key = items.back().key + std::string(1, '\0');
    }
    cache->Reset(std::move(items), applied_);
  }
  // Before the first list the feeder's Resync fills it with the others.
  caches_.push_back(cache);
  SortByPrefix(caches_);
  return absl::OkStatus();
}

void WatchCacheFeeder::RemoveCache(WatchCache* cache) {
  absl::MutexLock lock(&caches_mu_);
  caches_.erase(std::remove(caches_.begin(), caches_.end(), cache), caches_.end());
}

WatchCacheFeeder::~WatchCacheFeeder() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  thread_.join();
}

bool WatchCacheFeeder::stopping() {
  absl::MutexLock lock(&mu_);
  return stopping_;
}

WatchCache* WatchCacheFeeder::Route(std::string_view key) const {
  for (WatchCache* cache : caches_) {
    if (HasPrefix(key, cache->prefix())) return cache;
  }
  return nullptr;
}

bool WatchCacheFeeder::Resync(std::unique_ptr<storage::Watch>& watch) {
  absl::MutexLock lock(&caches_mu_);
  std::map<WatchCache*, std::vector<storage::KeyValue>> items;
  storage::ListOptions options;
  options.prefix = root_;
  options.limit = kListPage;
  while (true) {
    absl::StatusOr<storage::ListResult> listed = storage_.List(options);
    if (!listed.ok()) {
      KLOG(Warning) << "watch cache: list of " << root_ << " failed: " << listed.status();
      return false;
    }
    options.revision = listed->revision;
    for (storage::KeyValue& kv : listed->items) {
      if (WatchCache* cache = Route(kv.key)) items[cache].push_back(std::move(kv));
    }
    if (!listed->more || listed->items.empty()) break;
    options.start_key = listed->items.back().key + std::string(1, '\0');
  }
  absl::StatusOr<std::unique_ptr<storage::Watch>> opened =
      storage_.WatchPrefix(root_, options.revision);
  if (!opened.ok()) {
    KLOG(Warning) << "watch cache: watch of " << root_ << " failed: " << opened.status();
    return false;
  }
  watch = std::move(*opened);
  for (WatchCache* cache : caches_) cache->Reset(std::move(items[cache]), options.revision);
  applied_ = options.revision;
  return true;
}

void WatchCacheFeeder::Run() {
  std::unique_ptr<storage::Watch> watch;
  absl::Duration backoff = absl::Milliseconds(100);
  while (!stopping()) {
    if (watch == nullptr) {
      if (Resync(watch)) {
        backoff = absl::Milliseconds(100);
      } else {
        absl::SleepFor(backoff);
        backoff = std::min(backoff * 2, absl::Seconds(5));
      }
      continue;
    }
    absl::StatusOr<std::vector<storage::Event>> events = watch->Next(kPollInterval);
    if (!events.ok()) {
      // The storage watch ended (fell behind, backend restarted): start over.
      VLOG(2) << "watch cache: storage watch ended: " << events.status();
      watch.reset();
      continue;
    }
    if (events->empty()) continue;
    absl::MutexLock lock(&caches_mu_);
    for (const storage::Event& event : *events) {
      if (WatchCache* cache = Route(event.kv.key)) cache->Apply(event);
    }
    storage::Revision last = events->back().kv.mod_revision;
    for (WatchCache* cache : caches_) cache->AdvanceTo(last);
    applied_ = last;
  }
}

}  // namespace kube::apiserver
