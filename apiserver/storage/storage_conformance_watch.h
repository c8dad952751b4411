#pragma once

// Conformance cases for Watch, Compact and concurrency. Included by
// storage_conformance.h; each function takes a fresh, empty store.

#include <catch2/catch.hpp>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/time/clock.h"
#include "apiserver/storage/storage.h"
#include "apiserver/storage/storage_conformance_util.h"

namespace kube::storage::conformance {

inline void WatchFromNowSeesOnlyLiveEvents(Storage& store) {
  MustCreate(store, "/w/before", "old");
  std::unique_ptr<Watch> watch = MustWatch(store, "/w/", 0);
  std::unique_ptr<Watch> second = MustWatch(store, "/w/", 0);
  ExpectQuiet(*watch);

  KeyValue created = MustCreate(store, "/w/x", "v1");
  KeyValue updated = MustUpdate(store, "/w/x", "v2");
  KeyValue deleted = MustDelete(store, "/w/x");

  for (Watch* w : {watch.get(), second.get()}) {
    std::vector<Event> events = NextEvents(*w, 3);
    REQUIRE(events.size() == 3);
    CHECK(events[0].type == EventType::kAdded);
    CHECK(events[0].kv.key == "/w/x");
    CHECK(events[0].kv.value == "v1");
    CHECK(events[0].kv.mod_revision == created.mod_revision);
    CHECK(events[0].kv.create_revision == created.mod_revision);

    CHECK(events[1].type == EventType::kModified);
    CHECK(events[1].kv.value == "v2");
    CHECK(events[1].kv.mod_revision == updated.mod_revision);
    CHECK(events[1].kv.create_revision == created.mod_revision);
    CHECK(events[1].prev_kv.key == "/w/x");
    CHECK(events[1].prev_kv.value == "v1");
    CHECK(events[1].prev_kv.mod_revision == created.mod_revision);

    CHECK(events[2].type == EventType::kDeleted);
    CHECK(events[2].kv.key == "/w/x");
    CHECK(events[2].kv.value == "v2");  // the last value the key held
    CHECK(events[2].kv.mod_revision == deleted.mod_revision);  // the delete's revision
    CHECK(events[2].prev_kv.value == "v2");
    CHECK(events[2].prev_kv.mod_revision == updated.mod_revision);
    ExpectQuiet(*w);
  }

  // Destroying a watch stops it; the store and other watches carry on.
  second.reset();
  KeyValue later = MustCreate(store, "/w/y", "y");
  std::vector<Event> events = NextEvents(*watch, 1);
  REQUIRE(events.size() == 1);
  CHECK(events[0].kv.mod_revision == later.mod_revision);
}

inline void WatchFiltersByPrefix(Storage& store) {
  MustCreate(store, "/base", "b");  // so `start` is not 0, which would mean "from now"
  const Revision start = MustCurrent(store);
  MustCreate(store, "/a/history", "h");
  MustCreate(store, "/ab/history", "h");
  const Revision middle = MustCurrent(store);
  std::unique_ptr<Watch> live = MustWatch(store, "/a/", 0);
  std::unique_ptr<Watch> replay = MustWatch(store, "/a/", start);
  for (const char* key : {"/ab", "/a/1", "/b/1", "/a", "/ab/2", "/a/2"}) MustCreate(store, key, "v");

  std::vector<Event> events = NextEvents(*live, 2);
  REQUIRE(events.size() == 2);
  CHECK(events[0].kv.key == "/a/1");
  CHECK(events[1].kv.key == "/a/2");
  ExpectQuiet(*live);

  events = NextEvents(*replay, 3);
  REQUIRE(events.size() == 3);
  CHECK(events[0].kv.key == "/a/history");
  CHECK(events[0].kv.mod_revision <= middle);
  CHECK(events[1].kv.key == "/a/1");
  CHECK(events[2].kv.key == "/a/2");
  ExpectQuiet(*replay);
}

// History then live, with a writer racing the watch's start: every revision after
// the start arrives exactly once, in order.
inline void WatchReplaysHistoryThenLiveWithoutGaps(Storage& store) {
  std::vector<Revision> expected;
  for (int i = 0; i < 10; ++i) MustCreate(store, "/h/base" + std::to_string(i), "v");
  const Revision after = MustCurrent(store);
  expected.push_back(MustUpdate(store, "/h/base0", "changed").mod_revision);
  expected.push_back(MustDelete(store, "/h/base1").mod_revision);
  for (int i = 0; i < 20; ++i) {
    expected.push_back(MustCreate(store, "/h/old" + std::to_string(i), "v").mod_revision);
  }

  constexpr int kRacingWrites = 300;
  std::vector<Revision> racing(kRacingWrites, 0);
  std::atomic<int> written{0};
  std::atomic<int> failures{0};
  std::thread writer([&] {
    for (int i = 0; i < kRacingWrites; ++i) {
      absl::StatusOr<KeyValue> kv = store.Create("/h/new" + std::to_string(i), "v");
      if (kv.ok()) {
        racing[i] = kv->mod_revision;
      } else {
        failures++;
      }
      written++;
    }
  });
  // Start watching while the writer is mid-flight (bounded wait).
  const absl::Time deadline = absl::Now() + absl::Seconds(10);
  while (written.load() < 20 && absl::Now() < deadline) absl::SleepFor(absl::Microseconds(50));
  absl::StatusOr<std::unique_ptr<Watch>> watch = store.WatchPrefix("/h/", after);
  writer.join();
  REQUIRE(failures.load() == 0);
  REQUIRE(watch.ok());
  expected.insert(expected.end(), racing.begin(), racing.end());

  std::vector<Event> events = NextEvents(**watch, expected.size());
  CHECK(Revisions(events) == expected);
  ExpectQuiet(**watch);
  REQUIRE(events.size() > 2);
  CHECK(events[0].type == EventType::kModified);
  CHECK(events[0].prev_kv.value == "v");
  CHECK(events[1].type == EventType::kDeleted);
  CHECK(events[1].kv.key == "/h/base1");
  CHECK(events[1].prev_kv.mod_revision > 0);
}

inline void CompactForgetsOldRevisionsOnly(Storage& store) {
  KeyValue kept = MustCreate(store, "/c/kept", "k");  // untouched: must survive
  MustCreate(store, "/c/busy", "b0");
  for (int i = 1; i <= 5; ++i) MustUpdate(store, "/c/busy", "b" + std::to_string(i));
  MustCreate(store, "/c/gone", "g");
  MustDelete(store, "/c/gone");
  const Revision before = MustCurrent(store);
  MustUpdate(store, "/c/busy", "b6");
  const Revision at = MustCurrent(store);
  KeyValue after_busy = MustUpdate(store, "/c/busy", "b7");
  KeyValue after_new = MustCreate(store, "/c/new", "n");

  REQUIRE(store.Compact(at).ok());
  CHECK(store.CompactedRevision().value_or(-1) == at);

  absl::StatusOr<ListResult> old = store.List(Options("/c/", before));
  CHECK(IsCompacted(old.status()));
  CHECK(IsCompacted(store.WatchPrefix("/c/", before).status()));

  ListResult at_mark = MustList(store, Options("/c/", at));
  CHECK(Keys(at_mark.items) == std::vector<std::string>{"/c/busy", "/c/kept"});
  CHECK(at_mark.items[0].value == "b6");
  ListResult latest = MustList(store, Options("/c/"));
  CHECK(Keys(latest.items) == std::vector<std::string>{"/c/busy", "/c/kept", "/c/new"});
  CHECK(latest.items[0].value == "b7");

  absl::StatusOr<KeyValue> survivor = store.Get("/c/kept");
  REQUIRE(survivor.ok());
  CHECK(survivor->value == "k");
  CHECK(survivor->mod_revision == kept.mod_revision);
  CHECK(survivor->create_revision == kept.create_revision);
  CHECK(store.Get("/c/gone").status().code() == absl::StatusCode::kNotFound);

  std::unique_ptr<Watch> watch = MustWatch(store, "/c/", at);
  std::vector<Event> events = NextEvents(*watch, 2);
  REQUIRE(events.size() == 2);
  CHECK(events[0].type == EventType::kModified);
  CHECK(events[0].kv.mod_revision == after_busy.mod_revision);
  CHECK(events[0].prev_kv.value == "b6");
  CHECK(events[1].type == EventType::kAdded);
  CHECK(events[1].kv.mod_revision == after_new.mod_revision);

  // Writes carry on, with revisions still growing.
  KeyValue next = MustCreate(store, "/c/next", "x");
  CHECK(next.mod_revision > after_new.mod_revision);
}

// Optimistic concurrency from 8 threads: read, Update with the read revision, retry
// on Aborted. No increment may be lost.
inline void ConcurrentWritersLoseNoUpdate(Storage& store) {
  constexpr int kThreads = 8;
  constexpr int kIncrements = 25;
  MustCreate(store, "/cnt/counter", "0");
  std::atomic<int> unexpected{0};
  std::atomic<int> conflicts{0};
  const absl::Time deadline = absl::Now() + absl::Seconds(60);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      int done = 0;
      for (int attempt = 0; done < kIncrements && attempt < 100000 && absl::Now() < deadline;
           ++attempt) {
        absl::StatusOr<KeyValue> current = store.Get("/cnt/counter");
        if (!current.ok()) {
          unexpected++;
          return;
        }
        int64_t value = 0;
        if (!absl::SimpleAtoi(current->value, &value)) {
          unexpected++;
          return;
        }
        std::string next = std::to_string(value + 1);
        absl::StatusOr<KeyValue> written =
            store.Update("/cnt/counter", next, current->mod_revision);
        if (written.ok()) {
          ++done;
        } else if (written.status().code() == absl::StatusCode::kAborted) {
          conflicts++;
        } else {
          unexpected++;
          return;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  CHECK(unexpected.load() == 0);
  absl::StatusOr<KeyValue> counter = store.Get("/cnt/counter");
  REQUIRE(counter.ok());
  CHECK(counter->value == std::to_string(kThreads * kIncrements));
  INFO("conflicts: " << conflicts.load());
  SUCCEED();
}

// A watcher nobody reads must not hold up writers. It may end (ResourceExhausted) or
// still hold the events in order; it must never block or reorder.
inline void SlowWatcherDoesNotBlockWriters(Storage& store) {
  std::unique_ptr<Watch> idle = MustWatch(store, "/s/", 0);
  constexpr int kWrites = 500;
  std::vector<Revision> revisions;
  const absl::Time start = absl::Now();
  for (int i = 0; i < kWrites && absl::Now() - start < absl::Seconds(60); ++i) {
    revisions.push_back(MustCreate(store, "/s/" + std::to_string(i), std::string(1024, 'v'))
                            .mod_revision);
  }
  REQUIRE(revisions.size() == kWrites);

  absl::StatusOr<std::vector<Event>> batch = idle->Next(absl::Seconds(5));
  if (batch.ok()) {
    std::vector<Event> events = *batch;
    std::vector<Event> rest = NextEvents(*idle, kWrites - events.size());
    events.insert(events.end(), rest.begin(), rest.end());
    CHECK(Revisions(events) == revisions);
  } else {
    CHECK(batch.status().code() == absl::StatusCode::kResourceExhausted);
  }
}

}  // namespace kube::storage::conformance
