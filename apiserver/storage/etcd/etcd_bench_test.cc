// Throughput of durable creates against a single-member etcd (fsync per commit).
// Hidden: run with  kube_storage_etcd_test "[.bench]"

#include <catch2/catch.hpp>

#include <atomic>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "absl/time/clock.h"
#include "apiserver/storage/etcd/etcd_storage.h"
#include "tests/support/etcd_test_cluster.h"

namespace kube::storage {
namespace {

using etcd::testing::EtcdInstalled;
using etcd::testing::EtcdTestCluster;

// Creates distinct keys from `threads` threads for `duration`; returns creates/s.
double CreatesPerSecond(Storage& store, int threads, absl::Duration duration) {
  std::atomic<int64_t> done{0};
  std::atomic<int64_t> failed{0};
  const std::string value(512, 'v');  // about a small pod's size in protobuf
  const absl::Time start = absl::Now();
  const absl::Time end = start + duration;
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (int64_t i = 0; absl::Now() < end && i < 10'000'000; ++i) {
        if (store.Create(StrCat("/bench/", threads, "/", t, "/", i), value).ok()) {
          done++;
        } else {
          failed++;
        }
      }
    });
  }
  for (std::thread& worker : workers) worker.join();
  CHECK(failed.load() == 0);
  return done.load() / absl::ToDoubleSeconds(absl::Now() - start);
}

TEST_CASE("etcd bench: durable creates per second", "[.bench][etcd]") {
  if (!EtcdInstalled()) {
    WARN(etcd::testing::kSkipped);
    return;
  }
  absl::StatusOr<std::unique_ptr<EtcdTestCluster>> etcd = EtcdTestCluster::Start(1);
  REQUIRE(etcd.ok());
  absl::StatusOr<std::unique_ptr<Storage>> store = OpenEtcdStorage((*etcd)->Options("/bench"));
  REQUIRE(store.ok());
  for (int threads : {1, 8}) {
    const double rate = CreatesPerSecond(**store, threads, absl::Seconds(5));
    std::cout << "etcd creates/s with " << threads << " thread(s): " << static_cast<int>(rate)
              << std::endl;
  }
}

}  // namespace
}  // namespace kube::storage
