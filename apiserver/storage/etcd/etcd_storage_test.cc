#include "apiserver/storage/etcd/etcd_storage.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "tests/support/etcd_test_cluster.h"
#include "apiserver/storage/storage_conformance.h"

namespace kube::storage {
namespace {

using conformance::MustCreate;
using conformance::MustCurrent;
using conformance::MustDelete;
using conformance::MustList;
using conformance::MustUpdate;
using conformance::MustWatch;
using conformance::NextEvents;
using conformance::Options;
using etcd::testing::EtcdInstalled;
using etcd::testing::EtcdTestCluster;
using etcd::testing::kSkipped;

// One single-member etcd for the whole test binary, started on first use.
EtcdTestCluster& SharedEtcd() {
  static std::unique_ptr<EtcdTestCluster> etcd = [] {
    absl::StatusOr<std::unique_ptr<EtcdTestCluster>> started = EtcdTestCluster::Start(1);
    INFO(started.status().ToString());
    REQUIRE(started.ok());
    return *std::move(started);
  }();
  return *etcd;
}

// A key prefix no other store in this binary uses. Equal lengths, so that no
// prefix is a prefix of another.
std::string FreshPrefix() {
  static std::atomic<int> next{0};
  char buffer[32];
  snprintf(buffer, sizeof(buffer), "/kube-test-%06d", next++);
  return buffer;
}

std::unique_ptr<Storage> MustOpen(const EtcdOptions& options) {
  absl::StatusOr<std::unique_ptr<Storage>> store = OpenEtcdStorage(options);
  INFO("open: " << store.status().ToString());
  REQUIRE(store.ok());
  return *std::move(store);
}

std::unique_ptr<Storage> NewConformanceStore() {
  return MustOpen(SharedEtcd().Options(FreshPrefix()));
}

#ifdef KUBE_ETCD_BINARY
STORAGE_CONFORMANCE_TESTS("etcd3", [] { return NewConformanceStore(); })
#else
TEST_CASE("etcd3 conformance", "[conformance]") { WARN(kSkipped); }
#endif

// Runs the rest of a case only when etcd is installed; otherwise says so.
#define REQUIRE_ETCD_OR_SKIP() \
  if (!EtcdInstalled()) {      \
    WARN(kSkipped);            \
    return;                    \
  }

TEST_CASE("etcd: two stores on one etcd share data, watches and conflicts", "[etcd]") {
  REQUIRE_ETCD_OR_SKIP();
  const std::string prefix = FreshPrefix();
  std::unique_ptr<Storage> a = MustOpen(SharedEtcd().Options(prefix));
  std::unique_ptr<Storage> b = MustOpen(SharedEtcd().Options(prefix));
  std::unique_ptr<Watch> watch_b = MustWatch(*b, "/x/", 0);

  KeyValue created = MustCreate(*a, "/x/k", "from-a");
  CHECK(b->Get("/x/k")->value == "from-a");
  CHECK(b->Create("/x/k", "again").status().code() == absl::StatusCode::kAlreadyExists);
  CHECK(MustCurrent(*b) == created.mod_revision);

  KeyValue updated = MustUpdate(*b, "/x/k", "from-b", created.mod_revision);
  // a still holds the old revision: its update is a conflict, not a lost write.
  CHECK(a->Update("/x/k", "stale", created.mod_revision).status().code() ==
        absl::StatusCode::kAborted);
  CHECK(a->Delete("/x/k", created.mod_revision).status().code() == absl::StatusCode::kAborted);
  CHECK(a->Get("/x/k")->value == "from-b");
  KeyValue deleted = MustDelete(*a, "/x/k", updated.mod_revision);

  std::vector<Event> events = NextEvents(*watch_b, 3);
  REQUIRE(events.size() == 3);
  CHECK(events[0].type == EventType::kAdded);
  CHECK(events[1].type == EventType::kModified);
  CHECK(events[1].kv.value == "from-b");
  CHECK(events[2].type == EventType::kDeleted);
  CHECK(events[2].kv.mod_revision == deleted.mod_revision);

  // a's compaction is seen by b, though b never compacted.
  REQUIRE(a->Compact(updated.mod_revision).ok());
  CHECK(b->CompactedRevision().value_or(-1) == updated.mod_revision);
  CHECK(IsCompacted(b->List(Options("/x/", created.mod_revision)).status()));
}

TEST_CASE("etcd: key prefixes keep clusters apart", "[etcd]") {
  REQUIRE_ETCD_OR_SKIP();
  std::unique_ptr<Storage> a = MustOpen(SharedEtcd().Options(FreshPrefix()));
  std::unique_ptr<Storage> b = MustOpen(SharedEtcd().Options(FreshPrefix()));
  std::unique_ptr<Watch> watch_a = MustWatch(*a, "", 0);
  MustCreate(*b, "/k", "b");
  KeyValue mine = MustCreate(*a, "/k", "a");  // the same key in another space
  CHECK(a->Get("/k")->value == "a");
  CHECK(MustList(*a, Options("")).items.size() == 1);
  std::vector<Event> events = NextEvents(*watch_a, 1);
  REQUIRE(events.size() == 1);
  CHECK(events[0].kv.key == "/k");
  CHECK(events[0].kv.mod_revision == mine.mod_revision);
  conformance::ExpectQuiet(*watch_a);
}

TEST_CASE("etcd: calls fail over past a dead endpoint", "[etcd]") {
  REQUIRE_ETCD_OR_SKIP();
  EtcdOptions options = SharedEtcd().Options(FreshPrefix());
  options.endpoints.insert(options.endpoints.begin(),
                           StrCat("http://127.0.0.1:", kube::testing::FreePort()));
  std::unique_ptr<Storage> store = MustOpen(options);
  KeyValue created = MustCreate(*store, "/f", "v");
  CHECK(store->Get("/f")->mod_revision == created.mod_revision);
  // Nothing failed after reaching etcd, so a conflict is reported as one.
  CHECK(store->Create("/f", "v").status().code() == absl::StatusCode::kAlreadyExists);
}

TEST_CASE("etcd: no reachable member is Unavailable within the retry budget", "[etcd]") {
  EtcdOptions options;
  options.endpoints = {StrCat("http://127.0.0.1:", kube::testing::FreePort()),
                       StrCat("127.0.0.1:", kube::testing::FreePort())};
  options.retry_timeout = absl::Seconds(1);
  const absl::Time start = absl::Now();
  absl::StatusOr<std::unique_ptr<Storage>> store = OpenEtcdStorage(options);
  CHECK(store.status().code() == absl::StatusCode::kUnavailable);
  CHECK(absl::Now() - start < absl::Seconds(5));
  options.endpoints = {"https://127.0.0.1:1"};
  CHECK(OpenEtcdStorage(options).status().code() == absl::StatusCode::kInvalidArgument);
  options.endpoints = {};
  CHECK(OpenEtcdStorage(options).status().code() == absl::StatusCode::kInvalidArgument);
}

TEST_CASE("etcd: a watch that falls behind its buffer ends ResourceExhausted", "[etcd]") {
  REQUIRE_ETCD_OR_SKIP();
  EtcdOptions options = SharedEtcd().Options(FreshPrefix());
  options.watch_buffer_events = 10;
  std::unique_ptr<Storage> store = MustOpen(options);
  std::unique_ptr<Watch> watch = MustWatch(*store, "/o/", 0);
  for (int i = 0; i < 20; ++i) MustCreate(*store, StrCat("/o/", i), "v");
  absl::StatusOr<std::vector<Event>> events = watch->Next(absl::Seconds(10));
  // The first events may still fit; the overflow follows within the time bound.
  for (int reads = 0; events.ok() && reads < 20; ++reads) events = watch->Next(absl::Seconds(1));
  CHECK(events.status().code() == absl::StatusCode::kResourceExhausted);
}

TEST_CASE("etcd: closing the store ends its watches Cancelled", "[etcd]") {
  REQUIRE_ETCD_OR_SKIP();
  std::unique_ptr<Storage> store = MustOpen(SharedEtcd().Options(FreshPrefix()));
  std::unique_ptr<Watch> watch = MustWatch(*store, "/", 0);
  store.reset();
  absl::StatusOr<std::vector<Event>> events = watch->Next(absl::Seconds(5));
  CHECK(events.status().code() == absl::StatusCode::kCancelled);
}

TEST_CASE("etcd: list edges: start key past the prefix, future revision", "[etcd]") {
  REQUIRE_ETCD_OR_SKIP();
  std::unique_ptr<Storage> store = MustOpen(SharedEtcd().Options(FreshPrefix()));
  MustCreate(*store, "/e/a", "v");
  ListResult past = MustList(*store, Options("/e/", 0, "/f"));
  CHECK(past.items.empty());
  CHECK(past.revision == MustCurrent(*store));
  CHECK(store->List(Options("/e/", MustCurrent(*store) + 100)).status().code() ==
        absl::StatusCode::kInvalidArgument);
  CHECK(store->Create("", "v").status().code() == absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace kube::storage
