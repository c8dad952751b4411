#include "kube-proxy/proxier/proxier.h"

#include <atomic>
#include <thread>

#include <catch2/catch.hpp>

#include "absl/synchronization/mutex.h"
#include "kube-proxy/runner/fake_runner.h"
#include "kube-proxy/testing/builders.h"

namespace kube::proxy::proxier {
namespace {

// Counts syncs; thread-safe because the proxier's thread calls it while the test reads.
class CountingBackend : public RuleBackend {
 public:
  explicit CountingBackend(std::atomic<int>& syncs, std::atomic<int>& forced)
      : syncs_(syncs), forced_(forced) {}
  absl::Status Sync(const Snapshot&, bool force) override {
    ++syncs_;
    if (force) ++forced_;
    return absl::OkStatus();
  }
  absl::Status Cleanup() override { return absl::OkStatus(); }
  int RuleCount() const override { return 7; }

 private:
  std::atomic<int>& syncs_;
  std::atomic<int>& forced_;
};

}  // namespace

TEST_CASE("proxier: unchanged snapshots are not synced again, changes are", "[kube-proxy][proxier]") {
  std::atomic<int> syncs{0}, forced{0};
  SyncMetrics metrics;
  Snapshot current{{testing::MakePort("ns", "a", "", "10.96.0.1", 80, {"10.244.0.1"}, 80)}};
  Proxier proxier({}, std::make_unique<CountingBackend>(syncs, forced), nullptr, metrics,
                  [&] { return current; });
  REQUIRE(proxier.SyncNow(false).ok());
  CHECK(syncs == 1);
  CHECK(proxier.HasSynced());
  REQUIRE(proxier.SyncNow(false).ok());
  CHECK(syncs == 1);
  current.ports[0].endpoints.push_back({"10.244.0.2", 80, false});
  REQUIRE(proxier.SyncNow(false).ok());
  CHECK(syncs == 2);
  REQUIRE(proxier.SyncNow(true).ok());
  CHECK(forced == 1);
  const std::string text = metrics.Render();
  CHECK(text.find("kubeproxy_sync_proxy_rules_duration_seconds_count 3") != std::string::npos);
  CHECK(text.find("kubeproxy_sync_proxy_rules_no_changes_total 1") != std::string::npos);
  CHECK(text.find("kubeproxy_sync_proxy_rules_iptables_total 7") != std::string::npos);
  CHECK(text.find("kubeproxy_sync_proxy_rules_last_timestamp_seconds 0.000") == std::string::npos);
}

TEST_CASE("proxier: a burst of changes is batched by the min sync period, the sync period forces",
          "[kube-proxy][proxier]") {
  std::atomic<int> syncs{0}, forced{0};
  SyncMetrics metrics;
  std::atomic<int> generation{0};
  Proxier proxier({.sync_period = absl::Milliseconds(1500), .min_sync_period = absl::Milliseconds(300)},
                  std::make_unique<CountingBackend>(syncs, forced), nullptr, metrics, [&] {
                    Snapshot s{{testing::MakePort("ns", "a", "", "10.96.0.1", 80, {}, 80)}};
                    s.ports[0].port = 1 + generation.load();  // a different snapshot per change
                    return s;
                  });
  proxier.Start();
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  CHECK(syncs == 1);  // the initial sync, at once
  for (int i = 0; i < 20; ++i) {
    ++generation;
    proxier.OnChange();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  CHECK(syncs == 2);  // 20 changes within 100 ms: one more sync
  std::this_thread::sleep_for(std::chrono::milliseconds(1300));
  proxier.Stop();
  CHECK(forced >= 1);  // the periodic resync ran even without changes
}

}  // namespace kube::proxy::proxier
