#pragma once

// Helpers shared by the storage conformance cases (storage_conformance.h). Catch2
// assertions are not thread-safe: use these on the test's own thread only.

#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "apiserver/storage/storage.h"

namespace kube::storage::conformance {

// Lets Catch2 print statuses in failure messages.
inline std::string Describe(const absl::Status& status) { return status.ToString(); }

inline KeyValue MustCreate(Storage& store, std::string_view key, std::string_view value) {
  absl::StatusOr<KeyValue> kv = store.Create(key, value);
  INFO("Create " << key << ": " << Describe(kv.status()));
  REQUIRE(kv.ok());
  return *kv;
}

inline KeyValue MustUpdate(Storage& store, std::string_view key, std::string_view value,
                           Revision expected = 0) {
  absl::StatusOr<KeyValue> kv = store.Update(key, value, expected);
  INFO("Update " << key << ": " << Describe(kv.status()));
  REQUIRE(kv.ok());
  return *kv;
}

inline KeyValue MustDelete(Storage& store, std::string_view key, Revision expected = 0) {
  absl::StatusOr<KeyValue> kv = store.Delete(key, expected);
  INFO("Delete " << key << ": " << Describe(kv.status()));
  REQUIRE(kv.ok());
  return *kv;
}

inline Revision MustCurrent(Storage& store) {
  absl::StatusOr<Revision> revision = store.CurrentRevision();
  INFO(Describe(revision.status()));
  REQUIRE(revision.ok());
  return *revision;
}

// ListOptions, spelled positionally: GCC 12 warns when designated initializers leave
// out string members.
inline ListOptions Options(std::string prefix, Revision revision = 0,
                           std::string start_key = "", int64_t limit = 0) {
  ListOptions options;
  options.prefix = std::move(prefix);
  options.revision = revision;
  options.start_key = std::move(start_key);
  options.limit = limit;
  return options;
}

inline ListResult MustList(Storage& store, const ListOptions& options) {
  absl::StatusOr<ListResult> result = store.List(options);
  INFO("List " << options.prefix << " @" << options.revision << ": "
               << Describe(result.status()));
  REQUIRE(result.ok());
  return *result;
}

inline std::vector<std::string> Keys(const std::vector<KeyValue>& items) {
  std::vector<std::string> keys;
  for (const KeyValue& kv : items) keys.push_back(kv.key);
  return keys;
}

inline std::unique_ptr<Watch> MustWatch(Storage& store, std::string_view prefix,
                                        Revision after) {
  absl::StatusOr<std::unique_ptr<Watch>> watch = store.WatchPrefix(prefix, after);
  INFO("Watch " << prefix << " after " << after << ": " << Describe(watch.status()));
  REQUIRE(watch.ok());
  REQUIRE(*watch != nullptr);
  return *std::move(watch);
}

// Reads until `want` events arrived or `timeout` passed; the stream must not end.
inline std::vector<Event> NextEvents(Watch& watch, size_t want,
                                     absl::Duration timeout = absl::Seconds(20)) {
  std::vector<Event> events;
  const absl::Time deadline = absl::Now() + timeout;
  while (events.size() < want) {
    absl::Duration left = deadline - absl::Now();
    if (left <= absl::ZeroDuration()) break;
    absl::StatusOr<std::vector<Event>> batch = watch.Next(left);
    INFO("Next: " << Describe(batch.status()));
    REQUIRE(batch.ok());
    events.insert(events.end(), batch->begin(), batch->end());
  }
  return events;
}

// Requires that nothing more arrives within `wait`.
inline void ExpectQuiet(Watch& watch, absl::Duration wait = absl::Milliseconds(200)) {
  absl::StatusOr<std::vector<Event>> batch = watch.Next(wait);
  INFO("Next: " << Describe(batch.status()));
  REQUIRE(batch.ok());
  CHECK(batch->empty());
}

inline std::vector<Revision> Revisions(const std::vector<Event>& events) {
  std::vector<Revision> revisions;
  for (const Event& event : events) revisions.push_back(event.kv.mod_revision);
  return revisions;
}

}  // namespace kube::storage::conformance
