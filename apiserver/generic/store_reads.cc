// The generic store's reads (split from store.cc): field selectors, lists served
// from the watch cache or storage (paginated, at a resourceVersion), and watches.

#include "absl/strings/match.h"
#include "apiserver/generic/continue_token.h"
#include "apiserver/generic/revision.h"
#include "apiserver/generic/store.h"
#include "apiserver/generic/watch_stream.h"
#include "common/api/errors.h"
#include "common/api/object.h"
#include "common/util/strings.h"

namespace kube::apiserver {

bool Store::SupportsField(std::string_view field) const {
  if (field == "metadata.name" || field == "metadata.namespace") return true;
  return resource_.strategy->SelectableField(*resource_.prototype, field).has_value();
}

absl::Status Store::CheckSelectors(const selectors::FieldSelector& fields) const {
  for (const auto& requirement : fields.Requirements()) {
    if (!SupportsField(requirement.field)) {
      return api::BadRequestError(
          StrCat("field label not supported: ", requirement.field));
    }
  }
  return absl::OkStatus();
}

bool Store::Matches(const google::protobuf::Message& object,
                    const selectors::LabelSelector& labels,
                    const selectors::FieldSelector& fields) const {
  const k8s::meta::v1::ObjectMeta& meta = *api::ObjectMetaOf(object);
  if (!labels.Empty() && !labels.Matches(meta.labels())) return false;
  if (fields.Empty()) return true;
  return fields.Matches([&](std::string_view field) -> std::optional<std::string> {
    if (field == "metadata.name") return meta.name();
    if (field == "metadata.namespace") return meta.namespace_();
    return resource_.strategy->SelectableField(object, field);
  });
}

absl::StatusOr<ListResult> Store::ListFromCache(std::string_view ns,
                                                const ListParams& params) const {
  // resourceVersion "" is a consistent read: the cache must have applied every
  // write storage has acknowledged. "0" takes what the cache has; N at least N.
  storage::Revision min_revision = 0;
  if (params.resource_version.empty()) {
    absl::StatusOr<storage::Revision> current = storage_.CurrentRevision();
    if (!current.ok()) return current.status();
    min_revision = *current;
  } else {
    min_revision = ParseRevision(params.resource_version);
    if (min_revision < 0) {
      return api::BadRequestError(StrCat("invalid resource version: ", params.resource_version));
    }
  }
  absl::StatusOr<WatchCache::Snapshot> snapshot = cache_->List(Prefix(ns), min_revision);
  if (!snapshot.ok()) return snapshot.status();
  ListResult result;
  result.revision = snapshot->revision;
  for (const SharedObject& object : snapshot->objects) {
    if (!Matches(*object, params.label_selector, params.field_selector)) continue;
    ObjectPtr copy(object->New());
    copy->CopyFrom(*object);
    result.items.push_back(std::move(copy));
  }
  return result;
}

absl::StatusOr<std::vector<SharedObject>> Store::ListShared(std::string_view ns) const {
  if (cache_ != nullptr) {
    absl::StatusOr<WatchCache::Snapshot> snapshot = cache_->List(Prefix(ns), 0);
    if (!snapshot.ok()) return snapshot.status();
    if (&served_ == &resource_) return std::move(snapshot->objects);
    std::vector<SharedObject> objects;
    for (const SharedObject& object : snapshot->objects) {
      ObjectPtr copy(object->New());
      copy->CopyFrom(*object);
      absl::StatusOr<ObjectPtr> served = ToServed(std::move(copy));
      if (!served.ok()) return served.status();
      objects.emplace_back(std::move(*served));
    }
    return objects;
  }
  absl::StatusOr<ListResult> listed = List(ns, ListParams{});
  if (!listed.ok()) return listed.status();
  std::vector<SharedObject> objects;
  for (ObjectPtr& item : listed->items) objects.emplace_back(std::move(item));
  return objects;
}

absl::StatusOr<ListResult> Store::List(std::string_view ns, const ListParams& params) const {
  absl::StatusOr<ListResult> listed = ListStored(ns, params);
  if (!listed.ok() || &served_ == &resource_) return listed;
  for (ObjectPtr& item : listed->items) {
    absl::StatusOr<ObjectPtr> served = ToServed(std::move(item));
    if (!served.ok()) return served.status();
    item = std::move(*served);
  }
  return listed;
}

absl::StatusOr<ListResult> Store::ListStored(std::string_view ns, const ListParams& params) const {
  if (absl::Status status = CheckSelectors(params.field_selector); !status.ok()) return status;
  // Pages and exact revisions come from storage, which keeps history.
  if (cache_ != nullptr && params.limit <= 0 && params.continue_token.empty() &&
      params.resource_version_match != "Exact") {
    return ListFromCache(ns, params);
  }
  const std::string prefix = Prefix(ns);
  storage::ListOptions options;
  options.prefix = prefix;

  if (!params.continue_token.empty()) {
    absl::StatusOr<ContinueToken> token = DecodeContinueToken(params.continue_token);
    if (!token.ok()) return token.status();
    options.revision = token->revision;
    options.start_key = prefix + token->start_key;
  } else if (params.resource_version_match == "Exact") {
    int64_t revision = ParseRevision(params.resource_version);
    if (revision <= 0) {
      return api::BadRequestError(
          "resourceVersionMatch=Exact requires a resourceVersion greater than 0");
    }
    options.revision = revision;
  } else if (!params.resource_version.empty() && ParseRevision(params.resource_version) < 0) {
    return api::BadRequestError(StrCat("invalid resource version: ",
                                             params.resource_version));
  }

  ListResult result;
  // Fetch pages until `limit` objects pass the selectors, all at one revision.
  const int64_t page = params.limit > 0 ? std::max<int64_t>(params.limit, 100) : 0;
  options.limit = page;
  while (true) {
    absl::StatusOr<storage::ListResult> listed = storage_.List(options);
    if (!listed.ok()) {
      if (storage::IsCompacted(listed.status())) {
        return params.continue_token.empty()
                   ? api::ExpiredError(std::string(listed.status().message()))
                   : api::ExpiredError(
                         "The provided continue parameter is too old to display a consistent "
                         "list result. You can start a new list without the continue "
                         "parameter.");
      }
      return listed.status();
    }
    result.revision = listed->revision;
    options.revision = listed->revision;
    for (size_t i = 0; i < listed->items.size(); ++i) {
      const storage::KeyValue& kv = listed->items[i];
      absl::StatusOr<ObjectPtr> object = Decode(kv);
      if (!object.ok()) return object.status();
      if (!Matches(**object, params.label_selector, params.field_selector)) continue;
      result.items.push_back(std::move(*object));
      if (params.limit > 0 && static_cast<int64_t>(result.items.size()) == params.limit) {
        bool more = listed->more || i + 1 < listed->items.size();
        if (more) {
          // Resume right after this key, at the same revision.
          result.continue_token = EncodeContinueToken(
              {result.revision, kv.key.substr(prefix.size()) + std::string(1, '\0')});
        }
        return result;
      }
    }
    if (!listed->more || listed->items.empty()) break;
    options.start_key = listed->items.back().key + std::string(1, '\0');
  }
  return result;
}

namespace {

// Upstream's rules for a watch's sendInitialEvents and resourceVersionMatch, as a
// 422 on ListOptions naming the parameter.
absl::Status ValidateWatchListParams(const WatchParams& params) {
  api::FieldErrors errors;
  const std::string& match = params.resource_version_match;
  if (params.send_initial_events.has_value() && match != "NotOlderThan") {
    errors.push_back(api::Forbidden(
        "resourceVersionMatch", "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan"));
  }
  if (!match.empty()) {
    if (!params.send_initial_events.has_value()) {
      errors.push_back(api::Forbidden(
          "resourceVersionMatch",
          "resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided"));
    }
    if (match != "NotOlderThan") {
      errors.push_back(api::NotSupported("resourceVersionMatch", match, {"NotOlderThan"}));
    }
  }
  if (errors.empty()) return absl::OkStatus();
  return api::InvalidError("meta.k8s.io", "ListOptions", "", errors);
}

}  // namespace

absl::StatusOr<std::unique_ptr<WatchStream>> Store::Watch(std::string_view ns,
                                                          const WatchParams& params) const {
  if (absl::Status status = CheckSelectors(params.field_selector); !status.ok()) return status;
  if (absl::Status status = ValidateWatchListParams(params); !status.ok()) return status;
  int64_t revision = ParseRevision(params.resource_version);
  if (revision < 0) {
    return api::BadRequestError(StrCat("invalid resource version: ",
                                             params.resource_version));
  }
  WatchStart start;
  if (params.send_initial_events.has_value()) {
    start.initial_events = *params.send_initial_events;
    start.initial_events_end = start.initial_events && params.allow_bookmarks;
    start.revision = revision;
    if (params.resource_version.empty()) {
      // A consistent read (or "from now"): every write acknowledged so far.
      absl::StatusOr<storage::Revision> current = storage_.CurrentRevision();
      if (!current.ok()) return current.status();
      start.revision = *current;
    }
  } else {
    // The legacy rule: "" and "0" list the state first; N streams changes after N.
    start.initial_events = revision == 0;
    start.revision = revision;
  }
  absl::StatusOr<std::unique_ptr<WatchStream>> stream =
      cache_ != nullptr ? OpenCachedWatchStream(*this, *cache_, Prefix(ns), params, start)
                        : OpenWatchStream(*this, storage_, Prefix(ns), params, start);
  if (!stream.ok() || &served_ == &resource_) return stream;
  return ConvertWatchStream(std::move(*stream), [this](const google::protobuf::Message& stored) {
    ObjectPtr copy(stored.New());
    copy->CopyFrom(stored);
    return ToServed(std::move(copy));
  });
}

}  // namespace kube::apiserver
