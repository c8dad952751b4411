#include "apiserver/storage/sqlite/sqlite_storage.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "absl/time/clock.h"
#include "apiserver/storage/sqlite/sqlite_test_util.h"
#include "apiserver/storage/storage_conformance.h"

namespace kube::storage {
namespace {

using conformance::MustCreate;
using conformance::MustCurrent;
using conformance::MustList;
using conformance::MustUpdate;
using conformance::MustWatch;
using conformance::Options;
using testing::MustOpen;
using testing::TempDir;


// Each conformance case gets its own file in one directory for the whole run.
std::unique_ptr<Storage> NewConformanceStore() {
  static TempDir dir;  // removed at exit, after every case closed its store
  static std::atomic<int> next{0};
  return MustOpen(dir.File("conformance-" + std::to_string(next++) + ".db"));
}

STORAGE_CONFORMANCE_TESTS("sqlite", [] { return NewConformanceStore(); })

TEST_CASE("sqlite: reopening keeps data, revisions and the compaction mark", "[sqlite]") {
  TempDir dir;
  const std::string path = dir.File("reopen.db");
  Revision last = 0;
  Revision compacted = 0;
  {
    std::unique_ptr<Storage> store = MustOpen(path);
    for (int i = 0; i < 20; ++i) MustCreate(*store, "/r/" + std::to_string(i), "v");
    MustUpdate(*store, "/r/0", "changed");
    compacted = MustCurrent(*store);
    REQUIRE(store->Compact(compacted).ok());
    // The newest rows are a create and its delete; compaction removes both, so only
    // the AUTOINCREMENT counter remembers the last revision.
    MustCreate(*store, "/r/tmp", "x");
    last = conformance::MustDelete(*store, "/r/tmp").mod_revision;
    REQUIRE(store->Compact(last).ok());
  }
  std::unique_ptr<Storage> store = MustOpen(path);
  CHECK(MustCurrent(*store) == last);
  CHECK(store->CompactedRevision().value_or(-1) == last);
  CHECK(IsCompacted(store->List(conformance::Options("", compacted)).status()));
  ListResult list = MustList(*store, Options("/r/"));
  CHECK(list.items.size() == 20);
  CHECK(list.items[0].value == "changed");
  CHECK(store->Get("/r/tmp").status().code() == absl::StatusCode::kNotFound);
  // The revision continues; it never reuses one.
  CHECK(MustCreate(*store, "/r/next", "x").mod_revision == last + 1);
}

TEST_CASE("sqlite: a file is opened by one store at a time", "[sqlite]") {
  TempDir dir;
  const std::string path = dir.File("locked.db");
  std::unique_ptr<Storage> store = MustOpen(path);
  absl::StatusOr<std::unique_ptr<Storage>> second = OpenSqliteStorage(path);
  CHECK(second.status().code() == absl::StatusCode::kFailedPrecondition);
  store.reset();
  CHECK(OpenSqliteStorage(path).ok());
}

TEST_CASE("sqlite: compaction in many small batches", "[sqlite]") {
  TempDir dir;
  std::unique_ptr<Storage> store = MustOpen(dir.File("batches.db"), {.compact_batch_rows = 7});
  for (int i = 0; i < 50; ++i) MustCreate(*store, "/b/" + std::to_string(i), "0");
  for (int round = 1; round <= 4; ++round) {
    for (int i = 0; i < 50; i += round) {
      MustUpdate(*store, "/b/" + std::to_string(i), std::to_string(round));
    }
  }
  for (int i = 0; i < 50; i += 10) conformance::MustDelete(*store, "/b/" + std::to_string(i));
  const Revision at = MustCurrent(*store);
  ListResult before = MustList(*store, Options("/b/"));
  REQUIRE(store->Compact(at).ok());
  ListResult after = MustList(*store, Options("/b/", at));
  CHECK(after.items.size() == 45);
  REQUIRE(after.items.size() == before.items.size());
  for (size_t i = 0; i < after.items.size(); ++i) {
    CHECK(after.items[i].key == before.items[i].key);
    CHECK(after.items[i].value == before.items[i].value);
    CHECK(after.items[i].mod_revision == before.items[i].mod_revision);
  }
  CHECK(IsCompacted(store->List(conformance::Options("", at - 1)).status()));
}

TEST_CASE("sqlite: a watcher that overflows its buffer is dropped", "[sqlite]") {
  TempDir dir;
  std::unique_ptr<Storage> store = MustOpen(dir.File("overflow.db"), {.watch_buffer_events = 10});
  std::unique_ptr<Watch> slow = MustWatch(*store, "/o/", 0);
  std::unique_ptr<Watch> reader = MustWatch(*store, "/o/", 0);
  for (int i = 0; i < 25; ++i) {
    MustCreate(*store, "/o/" + std::to_string(i), "v");
    // The other watcher keeps up and is unaffected.
    CHECK(conformance::NextEvents(*reader, 1).size() == 1);
  }
  absl::StatusOr<std::vector<Event>> events = slow->Next(absl::Seconds(1));
  CHECK(events.status().code() == absl::StatusCode::kResourceExhausted);
  // It stays ended.
  CHECK(slow->Next(absl::ZeroDuration()).status().code() ==
        absl::StatusCode::kResourceExhausted);

  // Replay longer than the buffer overflows the same way.
  std::unique_ptr<Watch> replay = MustWatch(*store, "/o/", 1);
  CHECK(replay->Next(absl::Seconds(1)).status().code() == absl::StatusCode::kResourceExhausted);
}

TEST_CASE("sqlite: closing the store cancels its watches", "[sqlite]") {
  TempDir dir;
  std::unique_ptr<Storage> store = MustOpen(dir.File("close.db"));
  std::unique_ptr<Watch> waiting = MustWatch(*store, "/", 0);
  std::unique_ptr<Watch> idle = MustWatch(*store, "/", 0);
  std::atomic<int> code{-1};
  std::atomic<int64_t> waited_ms{-1};
  std::thread reader([&] {
    absl::Time start = absl::Now();
    absl::StatusOr<std::vector<Event>> events = waiting->Next(absl::Seconds(30));
    code = static_cast<int>(events.status().code());
    waited_ms = absl::ToInt64Milliseconds(absl::Now() - start);
  });
  absl::SleepFor(absl::Milliseconds(100));  // let it block in Next
  store.reset();
  reader.join();
  CHECK(code.load() == static_cast<int>(absl::StatusCode::kCancelled));
  CHECK(waited_ms.load() < 10000);
  // Watches outlive the store safely.
  CHECK(idle->Next(absl::Seconds(1)).status().code() == absl::StatusCode::kCancelled);
  idle.reset();
  waiting.reset();
}

TEST_CASE("sqlite: watches started during concurrent writes miss and repeat nothing",
          "[sqlite]") {
  TempDir dir;
  std::unique_ptr<Storage> store = MustOpen(dir.File("race.db"));
  for (int i = 0; i < 50; ++i) MustCreate(*store, "/race/base" + std::to_string(i), "v");
  constexpr int kWriters = 4;
  constexpr int kWritesEach = 250;
  std::atomic<int> failures{0};
  std::vector<std::thread> writers;
  for (int t = 0; t < kWriters; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < kWritesEach; ++i) {
        std::string key = "/race/" + std::to_string(t) + "/" + std::to_string(i);
        if (!store->Create(key, "v").ok()) failures++;
      }
    });
  }
  // Watches from "now" and from 1..40 revisions back, opened while writes race.
  std::vector<std::pair<Revision, std::unique_ptr<Watch>>> watches;
  const absl::Time deadline = absl::Now() + absl::Seconds(30);
  for (int i = 0; i < 30 && absl::Now() < deadline; ++i) {
    Revision current = MustCurrent(*store);
    Revision after = i % 3 == 0 ? 0 : std::max<Revision>(1, current - i);
    watches.emplace_back(after, MustWatch(*store, "/race/", after));
    absl::SleepFor(absl::Microseconds(300));
  }
  for (std::thread& writer : writers) writer.join();
  REQUIRE(failures.load() == 0);
  const Revision last = MustCurrent(*store);

  // Every write is under /race/ and SQLite revisions are consecutive, so each watch
  // must see exactly the revisions from its start to the last.
  for (auto& [after, watch] : watches) {
    std::vector<Event> events = conformance::NextEvents(*watch, 1);
    REQUIRE(!events.empty());
    Revision first = after == 0 ? events.front().kv.mod_revision : after + 1;
    std::vector<Event> rest = conformance::NextEvents(
        *watch, static_cast<size_t>(last - first + 1) - events.size());
    events.insert(events.end(), rest.begin(), rest.end());
    std::vector<Revision> want;
    for (Revision r = first; r <= last; ++r) want.push_back(r);
    INFO("watch after " << after);
    CHECK(conformance::Revisions(events) == want);
  }
}

TEST_CASE("sqlite: compaction racing writes and old reads stays consistent", "[sqlite]") {
  TempDir dir;
  std::unique_ptr<Storage> store = MustOpen(dir.File("compact-race.db"), {.compact_batch_rows = 16});
  constexpr int kKeys = 20;
  for (int i = 0; i < kKeys; ++i) MustCreate(*store, "/cr/" + std::to_string(i), "0");
  const Revision all_created = MustCurrent(*store);
  std::atomic<bool> stop{false};
  std::atomic<int> failures{0};
  std::thread writer([&] {
    for (int i = 0; i < 1500 && !stop.load(); ++i) {
      if (!store->Update("/cr/" + std::to_string(i % kKeys), std::to_string(i), 0).ok()) {
        failures++;
      }
    }
    stop = true;
  });
  std::thread compactor([&] {
    for (int i = 0; i < 1000 && !stop.load(); ++i) {
      absl::StatusOr<Revision> current = store->CurrentRevision();
      if (!current.ok() || !store->Compact(std::max<Revision>(0, *current - 30)).ok()) {
        failures++;
      }
      absl::SleepFor(absl::Milliseconds(1));
    }
  });
  // Lists a little in the past: either compacted away, or complete and consistent.
  int compacted = 0;
  int complete = 0;
  const absl::Time deadline = absl::Now() + absl::Seconds(60);
  while (!stop.load() && absl::Now() < deadline) {
    Revision at = std::max<Revision>(all_created, MustCurrent(*store) - 25);
    absl::StatusOr<ListResult> list = store->List(Options("/cr/", at));
    if (IsCompacted(list.status())) {
      ++compacted;
      continue;
    }
    REQUIRE(list.ok());
    CHECK(list->items.size() == kKeys);
    for (const KeyValue& kv : list->items) CHECK(kv.mod_revision <= at);
    ++complete;
    absl::SleepFor(absl::Microseconds(200));
  }
  stop = true;
  writer.join();
  compactor.join();
  CHECK(failures.load() == 0);
  CHECK(complete > 0);
  INFO("compacted " << compacted << ", complete " << complete);
  CHECK(MustList(*store, Options("/cr/")).items.size() == kKeys);
}

}  // namespace
}  // namespace kube::storage
