// A 3-member etcd on loopback: the leader is killed (SIGKILL) while four threads
// create keys. No acknowledged write may be lost, writes must resume within 10 s,
// and a watch open across the failure must see every write once, in order.

#include <catch2/catch.hpp>

#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/time/clock.h"
#include "apiserver/storage/etcd/etcd_storage.h"
#include "tests/support/etcd_test_cluster.h"
#include "apiserver/storage/storage_conformance_util.h"

namespace kube::storage {
namespace {

using etcd::testing::EtcdInstalled;
using etcd::testing::EtcdTestCluster;
using etcd::testing::kSkipped;

// What the writer threads saw, merged under a lock after each call.
struct Outcomes {
  std::mutex mu;
  std::map<std::string, Revision> acknowledged;  // key -> revision of its create
  std::vector<std::string> unknown;              // Unavailable (may exist): key and why
  std::vector<std::string> unexpected;           // any other error: a bug
};

TEST_CASE("etcd cluster: killing the leader loses no acknowledged write", "[etcd][cluster]") {
  if (!EtcdInstalled()) {
    WARN(kSkipped);
    return;
  }
  absl::StatusOr<std::unique_ptr<EtcdTestCluster>> started = EtcdTestCluster::Start(3);
  INFO(started.status().ToString());
  REQUIRE(started.ok());
  EtcdTestCluster& cluster = **started;
  absl::StatusOr<int> leader = cluster.WaitForLeader();
  REQUIRE(leader.ok());

  // The leader first, so that the store is talking to it when it dies.
  std::vector<int> order = {*leader};
  for (int i = 0; i < cluster.size(); ++i) {
    if (i != *leader) order.push_back(i);
  }
  EtcdOptions options;
  options.endpoints = cluster.endpoints(order);
  options.key_prefix = "/ha";
  absl::StatusOr<std::unique_ptr<Storage>> opened = OpenEtcdStorage(options);
  REQUIRE(opened.ok());
  Storage& store = **opened;
  std::unique_ptr<Watch> watch = conformance::MustWatch(store, "/load/", 0);

  constexpr int kThreads = 4;
  constexpr int kCreatesPerThread = 300;
  constexpr int kKillAfter = 200;  // acknowledged creates before the kill
  Outcomes outcomes;
  std::atomic<int> acknowledged{0};
  std::atomic<bool> killed{false};
  std::atomic<int64_t> first_ack_after_kill_ns{0};
  const absl::Time deadline = absl::Now() + absl::Seconds(120);
  std::vector<std::thread> writers;
  for (int t = 0; t < kThreads; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < kCreatesPerThread && absl::Now() < deadline; ++i) {
        const std::string key = StrCat("/load/", t, "/", i);
        const bool after_kill = killed.load();
        absl::StatusOr<KeyValue> kv = store.Create(key, key);
        std::lock_guard<std::mutex> lock(outcomes.mu);
        if (kv.ok()) {
          outcomes.acknowledged[key] = kv->mod_revision;
          acknowledged++;
          int64_t none = 0;
          if (after_kill) {
            first_ack_after_kill_ns.compare_exchange_strong(none,
                                                            absl::ToUnixNanos(absl::Now()));
          }
        } else if (kv.status().code() == absl::StatusCode::kUnavailable) {
          outcomes.unknown.push_back(StrCat(key, ": ", kv.status().message()));
        } else {
          outcomes.unexpected.push_back(StrCat(key, ": ", kv.status().ToString()));
        }
      }
    });
  }

  while (acknowledged.load() < kKillAfter && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(5));
  }
  REQUIRE(acknowledged.load() >= kKillAfter);
  const absl::Time kill_time = absl::Now();
  cluster.Kill(*leader);
  killed = true;
  for (std::thread& writer : writers) writer.join();

  INFO("unexpected errors: " << outcomes.unexpected.size()
                             << (outcomes.unexpected.empty() ? "" : outcomes.unexpected[0]));
  CHECK(outcomes.unexpected.empty());
  REQUIRE(first_ack_after_kill_ns.load() != 0);
  const absl::Duration resumed = absl::FromUnixNanos(first_ack_after_kill_ns.load()) - kill_time;
  INFO("writes resumed " << absl::FormatDuration(resumed) << " after the kill; "
                         << outcomes.unknown.size() << " outcomes unknown"
                         << (outcomes.unknown.empty() ? "" : ", e.g. " + outcomes.unknown[0]));
  CHECK(resumed < absl::Seconds(10));
  CHECK(outcomes.acknowledged.size() + outcomes.unknown.size() ==
        static_cast<size_t>(kThreads * kCreatesPerThread));
  REQUIRE(cluster.WaitForLeader().ok());

  // Every acknowledged create is there, at the revision it was acknowledged with.
  ListResult list = conformance::MustList(store, conformance::Options("/load/"));
  std::map<std::string, KeyValue> present;
  for (const KeyValue& kv : list.items) present[kv.key] = kv;
  int lost = 0;
  for (const auto& [key, revision] : outcomes.acknowledged) {
    auto found = present.find(key);
    if (found == present.end() || found->second.mod_revision != revision ||
        found->second.value != key) {
      ++lost;
    }
  }
  CHECK(lost == 0);

  // The watch moved to a surviving member and saw each create once, in order.
  std::vector<Event> events = conformance::NextEvents(*watch, list.items.size(),
                                                      absl::Seconds(30));
  CHECK(events.size() == list.items.size());
  std::map<std::string, Revision> watched;
  bool ordered = true;
  for (size_t i = 0; i < events.size(); ++i) {
    if (i > 0 && events[i].kv.mod_revision <= events[i - 1].kv.mod_revision) ordered = false;
    watched[events[i].kv.key] = events[i].kv.mod_revision;
  }
  CHECK(ordered);
  for (const auto& [key, kv] : present) CHECK(watched[key] == kv.mod_revision);
  conformance::ExpectQuiet(*watch);
}

}  // namespace
}  // namespace kube::storage
