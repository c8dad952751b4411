#include "apiserver/generic/watch_stream.h"

#include <deque>

#include "common/util/strings.h"
#include "common/api/errors.h"

namespace kube::apiserver {
namespace {

// Initial ADDED events are handed out in batches this size so a big list does not
// become one enormous write.
constexpr size_t kInitialBatch = 500;

class FilteredWatchStream : public WatchStream {
 public:
  FilteredWatchStream(const Store& store, std::unique_ptr<storage::Watch> watch,
                      std::deque<WatchEvent> initial, storage::Revision start,
                      const WatchParams& params)
      : store_(store),
        watch_(std::move(watch)),
        initial_(std::move(initial)),
        last_revision_(start),
        params_(params),
        filtered_(!params.label_selector.Empty() || !params.field_selector.Empty()) {}

  absl::StatusOr<std::vector<WatchEvent>> Next(absl::Duration timeout) override {
    std::vector<WatchEvent> out;
    if (!initial_.empty()) {
      while (!initial_.empty() && out.size() < kInitialBatch) {
        out.push_back(std::move(initial_.front()));
        initial_.pop_front();
      }
      return out;
    }
    absl::StatusOr<std::vector<storage::Event>> events = watch_->Next(timeout);
    if (!events.ok()) return events.status();
    for (const storage::Event& event : *events) {
      last_revision_ = event.kv.mod_revision;
      absl::Status status = Convert(event, out);
      if (!status.ok()) return status;
    }
    return out;
  }

  storage::Revision LastRevision() const override { return last_revision_; }

 private:
  bool Matches(const google::protobuf::Message& object) const {
    return store_.Matches(object, params_.label_selector, params_.field_selector);
  }

  absl::Status Convert(const storage::Event& event, std::vector<WatchEvent>& out) {
    absl::StatusOr<ObjectPtr> object = store_.Decode(event.kv);
    if (!object.ok()) return object.status();
    switch (event.type) {
      case storage::EventType::kAdded:
        if (!filtered_ || Matches(**object)) out.push_back({"ADDED", std::move(*object)});
        break;
      case storage::EventType::kDeleted:
        if (!filtered_ || Matches(**object)) out.push_back({"DELETED", std::move(*object)});
        break;
      case storage::EventType::kModified: {
        if (!filtered_) {
          out.push_back({"MODIFIED", std::move(*object)});
          break;
        }
        absl::StatusOr<ObjectPtr> previous = store_.Decode(event.prev_kv);
        if (!previous.ok()) return previous.status();
        bool now = Matches(**object);
        bool before = Matches(**previous);
        if (now && before) out.push_back({"MODIFIED", std::move(*object)});
        if (now && !before) out.push_back({"ADDED", std::move(*object)});
        if (!now && before) out.push_back({"DELETED", std::move(*object)});
        break;
      }
    }
    return absl::OkStatus();
  }

  const Store& store_;
  std::unique_ptr<storage::Watch> watch_;
  std::deque<WatchEvent> initial_;
  storage::Revision last_revision_;
  const WatchParams params_;
  const bool filtered_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<WatchStream>> OpenWatchStream(const Store& store,
                                                             storage::Storage& storage,
                                                             const std::string& prefix,
                                                             const WatchParams& params,
                                                             storage::Revision revision) {
  std::deque<WatchEvent> initial;
  if (revision == 0) {
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
  return std::make_unique<FilteredWatchStream>(store, std::move(*watch), std::move(initial),
                                               revision, params);
}

}  // namespace kube::apiserver
