// kube-scheduler as processes: two schedulers with different names side by side,
// a standby taking over from a killed leader, and a kill -9 in the middle of
// scheduling that must not bind any pod twice.

#include <atomic>
#include <map>
#include <string>
#include <thread>

#include <catch2/catch.hpp>

#include "absl/synchronization/mutex.h"
#include "tests/support/api_client.h"
#include "tests/support/scheduler_fixture.h"

namespace kube::testing {
namespace {

using k8s::core::v1::Pod;

// Watches every pod in "default" and records each change of spec.nodeName.
class BindingWatcher {
 public:
  explicit BindingWatcher(const client::Client& client) : client_(client) {
    auto list = client_.List<Pod>("default");
    REQUIRE(list.ok());
    resource_version_ = list->resource_version;
    thread_ = std::thread([this] { Watch(); });
  }
  ~BindingWatcher() {
    stop_ = true;
    thread_.join();
  }

  // Pods whose nodeName changed after it was first set.
  std::vector<std::string> Rebound() {
    absl::MutexLock lock(&mu_);
    return rebound_;
  }
  int BoundCount() {
    absl::MutexLock lock(&mu_);
    return static_cast<int>(node_of_.size());
  }

 private:
  void Watch() {
    while (!stop_) {
      client::ListOptions options;
      options.resource_version = resource_version_;
      auto stream = client_.Watch<Pod>("default", options);
      if (!stream.ok()) {
        absl::SleepFor(absl::Milliseconds(100));
        continue;
      }
      while (!stop_) {
        auto events = (*stream)->Next(absl::Milliseconds(200));
        if (!events.ok()) break;
        for (const auto& event : *events) {
          if (event.object == nullptr || event.object->GetDescriptor() != Pod::descriptor()) continue;
          const auto& pod = static_cast<const Pod&>(*event.object);
          resource_version_ = pod.metadata().resourceversion();
          const std::string& node = pod.spec().nodename();
          if (node.empty()) continue;
          absl::MutexLock lock(&mu_);
          auto [it, inserted] = node_of_.emplace(pod.metadata().name(), node);
          if (!inserted && it->second != node) rebound_.push_back(pod.metadata().name());
        }
      }
    }
  }

  const client::Client& client_;
  std::string resource_version_;  // used by the watch thread only
  std::atomic<bool> stop_{false};
  absl::Mutex mu_;
  std::map<std::string, std::string> node_of_ ABSL_GUARDED_BY(mu_);
  std::vector<std::string> rebound_ ABSL_GUARDED_BY(mu_);
  std::thread thread_;
};

TEST_CASE("scheduler: two schedulers with different names each take only their pods",
          "[scheduler]") {
  SchedulerCluster cluster;
  cluster.CreateNode(FakeNode("node-1"));
  cluster.CreateNode(FakeNode("node-2"));
  auto first = cluster.StartScheduler();
  // system:kube-scheduler may renew only the Lease kube-scheduler; a second
  // scheduler's Lease must be granted, as upstream's multiple-schedulers guide does.
  ApiClient admin(cluster.server());
  REQUIRE(admin.Post("/apis/rbac.authorization.k8s.io/v1/namespaces/kube-system/roles",
                     R"({"metadata":{"name":"second-scheduler-lease"},"rules":[{"apiGroups":)"
                     R"(["coordination.k8s.io"],"resources":["leases"],"resourceNames":)"
                     R"(["second-scheduler"],"verbs":["get","update"]}]})")
              .status == 201);
  REQUIRE(admin.Post("/apis/rbac.authorization.k8s.io/v1/namespaces/kube-system/rolebindings",
                     R"({"metadata":{"name":"second-scheduler-lease"},"roleRef":{"apiGroup":)"
                     R"("rbac.authorization.k8s.io","kind":"Role","name":"second-scheduler-lease"},)"
                     R"("subjects":[{"kind":"User","apiGroup":"rbac.authorization.k8s.io",)"
                     R"("name":"system:kube-scheduler"}]})")
              .status == 201);
  auto second = cluster.StartScheduler(
      {"--scheduler-name=second-scheduler", "--leader-elect-resource-name=second-scheduler"});
  for (int i = 0; i < 3; ++i) {
    cluster.CreatePod(TestPod("default-" + std::to_string(i)));
    cluster.CreatePod(TestPod("second-" + std::to_string(i)).SchedulerName("second-scheduler"));
  }
  cluster.CreatePod(TestPod("orphan").SchedulerName("nobody"));
  for (int i = 0; i < 3; ++i) {
    CHECK(cluster.WaitForBound("default-" + std::to_string(i), first.get()) != nullptr);
    CHECK(cluster.WaitForBound("second-" + std::to_string(i), second.get()) != nullptr);
  }
  // Who bound what shows in the events' source. Events are written after the
  // binding, asynchronously: wait (bounded) until all six are there.
  std::map<std::string, std::string> scheduled;  // pod -> component that bound it
  const absl::Time deadline = absl::Now() + absl::Seconds(10);
  while (true) {
    auto events = cluster.client().List<k8s::core::v1::Event>("default");
    REQUIRE(events.ok());
    scheduled.clear();
    for (const auto& event : events->items) {
      if (event->reason() == "Scheduled") {
        scheduled[event->involvedobject().name()] = event->source().component();
      }
    }
    if (scheduled.size() >= 6 || absl::Now() > deadline) break;
    absl::SleepFor(absl::Milliseconds(100));
  }
  CHECK(scheduled.size() == 6);
  for (const auto& [pod, component] : scheduled) {
    CHECK(component == (pod.rfind("second-", 0) == 0 ? "second-scheduler" : "default-scheduler"));
  }
  // A pod for a scheduler that does not run is left alone: no node, no condition.
  absl::SleepFor(absl::Seconds(1));
  auto orphan = cluster.GetPod("orphan");
  REQUIRE(orphan != nullptr);
  CHECK(orphan->spec().nodename().empty());
  CHECK(FindCondition(*orphan, "PodScheduled") == nullptr);
}

TEST_CASE("scheduler: a standby takes over when the leader goes", "[scheduler]") {
  SchedulerCluster cluster;
  cluster.CreateNode(FakeNode("node-1"));
  auto leader = cluster.StartScheduler();
  // Both are ready (caches synced); only one leads.
  auto standby = cluster.StartScheduler();
  cluster.CreatePod(TestPod("before"));
  REQUIRE(cluster.WaitForBound("before", leader.get()) != nullptr);
  CHECK(leader->Metrics().find("scheduler_leader 1\n") != std::string::npos);
  CHECK(standby->Metrics().find("scheduler_leader 0\n") != std::string::npos);

  // SIGTERM releases the lease, so the standby takes over at once.
  CHECK(leader->Terminate() == 0);
  cluster.CreatePod(TestPod("after-term"));
  REQUIRE(cluster.WaitForBound("after-term", standby.get()) != nullptr);

  // A kill -9 leaves the lease held: a new replica waits for it to expire (2 s).
  auto third = cluster.StartScheduler();
  standby->Kill9();
  cluster.CreatePod(TestPod("after-kill"));
  REQUIRE(cluster.WaitForBound("after-kill", third.get()) != nullptr);
}

TEST_CASE("scheduler: killing the scheduler mid-run and restarting it binds no pod twice",
          "[scheduler]") {
  SchedulerCluster cluster;
  for (int i = 0; i < 3; ++i) {
    cluster.CreateNode(FakeNode("node-" + std::to_string(i)).Resource("cpu", "64").Resource("pods", "500"));
  }
  constexpr int kPods = 300;
  for (int i = 0; i < kPods; ++i) {
    cluster.CreatePod(TestPod("pod-" + std::to_string(i)).Request("cpu", "100m"));
  }
  BindingWatcher watcher(cluster.client());
  auto scheduler = cluster.StartScheduler();
  // Kill it while it is binding.
  absl::Time deadline = absl::Now() + absl::Seconds(30);
  while (watcher.BoundCount() < 20 && absl::Now() < deadline) absl::SleepFor(absl::Milliseconds(1));
  scheduler->Kill9();
  const int bound_at_kill = watcher.BoundCount();
  INFO("bound when killed: " << bound_at_kill);
  CHECK(bound_at_kill < kPods);

  std::string why;
  bool restarted = scheduler->Start(&why);
  INFO(why);
  REQUIRE(restarted);
  deadline = absl::Now() + absl::Seconds(60);
  while (watcher.BoundCount() < kPods && absl::Now() < deadline) absl::SleepFor(absl::Milliseconds(50));
  CHECK(watcher.BoundCount() == kPods);
  CHECK(watcher.Rebound().empty());

  // Every pod is bound exactly once: its nodeName never changed, and no pod has
  // more than one Scheduled event (a killed scheduler may lose queued events).
  auto pods = cluster.client().List<Pod>("default");
  REQUIRE(pods.ok());
  int bound = 0;
  for (const auto& pod : pods->items) bound += pod->spec().nodename().empty() ? 0 : 1;
  CHECK(bound == kPods);
  absl::SleepFor(absl::Seconds(1));  // let the recorder write the last events
  std::map<std::string, int> scheduled = cluster.CountEvents("Scheduled");
  int events = 0;
  for (const auto& [pod, count] : scheduled) {
    INFO(pod);
    CHECK(count == 1);
    events += count;
  }
  CHECK(events <= kPods);
  CHECK(events >= kPods - bound_at_kill - 50);  // the restarted one recorded its own
}

}  // namespace
}  // namespace kube::testing
