#include "apiserver/generic/watch_stream.h"

#include <deque>

#include "common/api/errors.h"
#include "common/api/object.h"
#include "common/util/strings.h"

namespace kube::apiserver {
namespace {

// Initial ADDED events are handed out in batches this size so a big list does not
// become one enormous write.
constexpr size_t kInitialBatch = 500;

// Upstream's rules for a watch with selectors: an object that stops matching is
// DELETED for this watcher, one that starts matching is ADDED.
class Translator {
 public:
  Translator(const Store& store, const WatchParams& params)
      : store_(store),
        params_(params),
        filtered_(!params.label_selector.Empty() || !params.field_selector.Empty()) {}

  bool filtered() const { return filtered_; }
  bool Matches(const google::protobuf::Message& object) const {
    return store_.Matches(object, params_.label_selector, params_.field_selector);
  }

  // `previous` is needed only for modifications of a filtered watch.
  void Translate(storage::EventType type, SharedObject object, const SharedObject& previous,
                 std::vector<WatchEvent>& out) const {
    switch (type) {
      case storage::EventType::kAdded:
        if (!filtered_ || Matches(*object)) out.push_back({"ADDED", std::move(object)});
        return;
      case storage::EventType::kDeleted:
        if (!filtered_ || Matches(*object)) out.push_back({"DELETED", std::move(object)});
        return;
      case storage::EventType::kModified: {
        if (!filtered_) {
          out.push_back({"MODIFIED", std::move(object)});
          return;
        }
        bool now = Matches(*object);
        bool before = previous != nullptr && Matches(*previous);
        if (now && before) out.push_back({"MODIFIED", std::move(object)});
        if (now && !before) out.push_back({"ADDED", std::move(object)});
        if (!now && before) out.push_back({"DELETED", std::move(object)});
        return;
      }
    }
  }

 private:
  const Store& store_;
  const WatchParams params_;
  const bool filtered_;
};

// The initial ADDED events, handed out in batches, then (for WatchList) the
// bookmark that ends them.
class InitialEvents {
 public:
  InitialEvents(std::deque<WatchEvent> events, SharedObject end_bookmark)
      : events_(std::move(events)), end_bookmark_(std::move(end_bookmark)) {}

  // Appends the next batch to `out`; false once everything was handed out.
  bool Take(std::vector<WatchEvent>& out) {
    if (events_.empty() && end_bookmark_ == nullptr) return false;
    while (!events_.empty() && out.size() < kInitialBatch) {
      out.push_back(std::move(events_.front()));
      events_.pop_front();
    }
    if (events_.empty() && end_bookmark_ != nullptr) {
      out.push_back({"BOOKMARK", std::move(end_bookmark_)});
      end_bookmark_ = nullptr;
    }
    return true;
  }

 private:
  std::deque<WatchEvent> events_;
  SharedObject end_bookmark_;  // null when not asked for or already sent
};

class StorageWatchStream : public WatchStream {
 public:
  StorageWatchStream(const Store& store, std::unique_ptr<storage::Watch> watch,
                     InitialEvents initial, storage::Revision start, const WatchParams& params)
      : store_(store),
        translator_(store, params),
        watch_(std::move(watch)),
        initial_(std::move(initial)),
        last_revision_(start) {}

  absl::StatusOr<std::vector<WatchEvent>> Next(absl::Duration timeout) override {
    std::vector<WatchEvent> out;
    if (initial_.Take(out)) return out;
    absl::StatusOr<std::vector<storage::Event>> events = watch_->Next(timeout);
    if (!events.ok()) return events.status();
    for (const storage::Event& event : *events) {
      last_revision_ = event.kv.mod_revision;
      absl::StatusOr<ObjectPtr> object = store_.Decode(event.kv);
      if (!object.ok()) return object.status();
      SharedObject previous;
      if (translator_.filtered() && event.type == storage::EventType::kModified) {
        absl::StatusOr<ObjectPtr> decoded = store_.Decode(event.prev_kv);
        if (!decoded.ok()) return decoded.status();
        previous = std::move(*decoded);
      }
      translator_.Translate(event.type, std::move(*object), previous, out);
    }
    return out;
  }

  storage::Revision LastRevision() const override { return last_revision_; }

 private:
  const Store& store_;
  const Translator translator_;
  std::unique_ptr<storage::Watch> watch_;
  InitialEvents initial_;
  storage::Revision last_revision_;
};

class CachedWatchStream : public WatchStream {
 public:
  CachedWatchStream(const Store& store, std::unique_ptr<CacheWatch> watch,
                    InitialEvents initial, storage::Revision start, const WatchParams& params)
      : translator_(store, params),
        watch_(std::move(watch)),
        initial_(std::move(initial)),
        last_revision_(start) {}

  absl::StatusOr<std::vector<WatchEvent>> Next(absl::Duration timeout) override {
    std::vector<WatchEvent> out;
    if (initial_.Take(out)) return out;
    absl::StatusOr<std::vector<SharedEvent>> events = watch_->Next(timeout);
    if (!events.ok()) return events.status();
    for (const SharedEvent& event : *events) {
      last_revision_ = event->revision;
      translator_.Translate(event->type, event->object, event->previous, out);
    }
    return out;
  }

  storage::Revision LastRevision() const override { return last_revision_; }

 private:
  const Translator translator_;
  std::unique_ptr<CacheWatch> watch_;
  InitialEvents initial_;
  storage::Revision last_revision_;
};

class ConvertingWatchStream : public WatchStream {
 public:
  ConvertingWatchStream(std::unique_ptr<WatchStream> inner,
                        std::function<absl::StatusOr<ObjectPtr>(const google::protobuf::Message&)> convert)
      : inner_(std::move(inner)), convert_(std::move(convert)) {}

  absl::StatusOr<std::vector<WatchEvent>> Next(absl::Duration timeout) override {
    absl::StatusOr<std::vector<WatchEvent>> events = inner_->Next(timeout);
    if (!events.ok()) return events;
    for (WatchEvent& event : *events) {
      if (event.type == "BOOKMARK" || event.type == "ERROR") continue;
      absl::StatusOr<ObjectPtr> converted = convert_(*event.object);
      if (!converted.ok()) return converted.status();
      event.object = std::move(*converted);
    }
    return events;
  }

  storage::Revision LastRevision() const override { return inner_->LastRevision(); }

 private:
  std::unique_ptr<WatchStream> inner_;
  const std::function<absl::StatusOr<ObjectPtr>(const google::protobuf::Message&)> convert_;
};

// The bookmark that ends the initial events, when the watch asked for one.
SharedObject EndBookmark(const Store& store, const WatchStart& start, storage::Revision revision) {
  if (!start.initial_events_end) return nullptr;
  return BookmarkObject(store.resource(), revision, /*initial_events_end=*/true);
}

}  // namespace

SharedObject BookmarkObject(const ResourceInfo& resource, storage::Revision revision,
                            bool initial_events_end) {
  ObjectPtr bookmark(resource.prototype->New());
  k8s::meta::v1::ObjectMeta* meta = api::MutableObjectMetaOf(*bookmark);
  meta->set_resourceversion(std::to_string(revision));
  if (initial_events_end) (*meta->mutable_annotations())[kInitialEventsEndAnnotation] = "true";
  return bookmark;
}

absl::StatusOr<std::unique_ptr<WatchStream>> ConvertWatchStream(
    std::unique_ptr<WatchStream> stream,
    std::function<absl::StatusOr<ObjectPtr>(const google::protobuf::Message&)> convert) {
  return std::make_unique<ConvertingWatchStream>(std::move(stream), std::move(convert));
}

absl::StatusOr<std::unique_ptr<WatchStream>> OpenWatchStream(const Store& store,
                                                             storage::Storage& storage,
                                                             const std::string& prefix,
                                                             const WatchParams& params,
                                                             const WatchStart& start) {
  std::deque<WatchEvent> initial;
  storage::Revision revision = start.revision;
  if (start.initial_events) {
    // Storage serves its newest state, which is at least as new as any revision
    // it has acknowledged.
    storage::ListOptions options;
    options.prefix = prefix;
    options.limit = 1000;
    while (true) {
      absl::StatusOr<storage::ListResult> listed = storage.List(options);
      if (!listed.ok()) return listed.status();
      options.revision = listed->revision;
      for (const storage::KeyValue& kv : listed->items) {
        absl::StatusOr<ObjectPtr> object = store.Decode(kv);
        if (!object.ok()) return object.status();
        if (store.Matches(**object, params.label_selector, params.field_selector)) {
          initial.push_back({"ADDED", std::move(*object)});
        }
      }
      if (!listed->more || listed->items.empty()) break;
      options.start_key = listed->items.back().key + std::string(1, '\0');
    }
    revision = options.revision;
  }
  absl::StatusOr<std::unique_ptr<storage::Watch>> watch = storage.WatchPrefix(prefix, revision);
  if (!watch.ok()) {
    if (storage::IsCompacted(watch.status())) {
      absl::StatusOr<storage::Revision> compacted = storage.CompactedRevision();
      return api::ExpiredError(StrCat("too old resource version: ", revision, " (",
                                      compacted.ok() ? *compacted : 0, ")"));
    }
    return watch.status();
  }
  InitialEvents events(std::move(initial), EndBookmark(store, start, revision));
  return std::make_unique<StorageWatchStream>(store, std::move(*watch), std::move(events),
                                              revision, params);
}

absl::StatusOr<std::unique_ptr<WatchStream>> OpenCachedWatchStream(const Store& store,
                                                                   WatchCache& cache,
                                                                   const std::string& prefix,
                                                                   const WatchParams& params,
                                                                   const WatchStart& start) {
  std::deque<WatchEvent> initial;
  storage::Revision revision = start.revision;
  if (start.initial_events) {
    absl::StatusOr<WatchCache::Snapshot> snapshot = cache.List(prefix, start.revision);
    if (!snapshot.ok()) return snapshot.status();
    for (SharedObject& object : snapshot->objects) {
      if (store.Matches(*object, params.label_selector, params.field_selector)) {
        initial.push_back({"ADDED", std::move(object)});
      }
    }
    revision = snapshot->revision;
  }
  absl::StatusOr<std::unique_ptr<CacheWatch>> watch = cache.Watch(prefix, revision);
  if (!watch.ok()) return watch.status();
  InitialEvents events(std::move(initial), EndBookmark(store, start, revision));
  return std::make_unique<CachedWatchStream>(store, std::move(*watch), std::move(events),
                                             revision, params);
}

}  // namespace kube::apiserver
