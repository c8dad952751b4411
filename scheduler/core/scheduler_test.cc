#include "scheduler/core/scheduler.h"

#include <thread>

#include <catch2/catch.hpp>

#include "scheduler/core/event_handlers.h"
#include "scheduler/core/fake_pod_writer.h"
#include "scheduler/plugins/registry.h"
#include "scheduler/testing/wrappers.h"
#include "tests/support/eventually.h"

namespace kube::scheduler::core {

using kube::testing::Eventually;
namespace {

using testing::MakeNode;
using testing::MakePod;

// Keeps the events a recorder writes.
class FakeEventSink final : public events::EventSink {
 public:
  explicit FakeEventSink(std::vector<k8s::core::v1::Event>* events, absl::Mutex* mu)
      : events_(events), mu_(mu) {}
  absl::Status Create(const k8s::core::v1::Event& event) override {
    absl::MutexLock lock(mu_);
    events_->push_back(event);
    return absl::OkStatus();
  }
  absl::Status Update(const k8s::core::v1::Event& event) override { return Create(event); }

 private:
  std::vector<k8s::core::v1::Event>* events_;
  absl::Mutex* mu_;
};

// A scheduler on in-memory nodes: informer events are fed to the handlers by hand.
class Harness {
 public:
  Harness() : queue_(QueueOptions()), handlers_("default-scheduler", cache_, queue_) {
    recorder_ = std::make_unique<events::EventRecorder>(
        std::make_unique<FakeEventSink>(&events_, &events_mu_),
        events::EventSource{"default-scheduler", "test"});
    auto profile = plugins::NewProfile(plugins::DefaultProfileSpec(), {});
    REQUIRE(profile.ok());
    SchedulerOptions options;
    options.api_workers = 4;
    scheduler_ = std::make_unique<Scheduler>(options, std::move(*profile), cache_, queue_, writer_,
                                             recorder_.get(), metrics_);
    queue_.Start();
    thread_ = std::thread([this] { scheduler_->Run(); });
  }
  ~Harness() {
    scheduler_->Stop();
    thread_.join();
  }

  static queue::QueueOptions QueueOptions() {
    queue::QueueOptions options;
    options.initial_backoff = absl::Milliseconds(10);
    options.max_backoff = absl::Milliseconds(50);
    return options;
  }

  void AddNode(const testing::NodeWrapper& node) { handlers_.OnNodeAdd(node.Shared()); }
  void AddPod(const testing::PodWrapper& pod) { handlers_.OnPodAdd(pod.Shared()); }
  // What the informer would deliver after the apiserver bound the pods.
  void ConfirmBindings() {
    for (const auto& [key, node] : writer_.bindings()) {
      std::string name = key.substr(key.find('/') + 1);
      if (confirmed_.insert(name).second) {
        auto pending = pods_.count(name) ? pods_[name] : MakePod(name).Shared();
        auto bound = std::make_shared<k8s::core::v1::Pod>(*pending);
        bound->mutable_spec()->set_nodename(node);
        handlers_.OnPodUpdate(pending, bound);
      }
    }
  }
  void AddPending(const testing::PodWrapper& pod) {
    pods_[pod.Obj().metadata().name()] = pod.Shared();
    handlers_.OnPodAdd(pods_[pod.Obj().metadata().name()]);
  }

  std::vector<k8s::core::v1::Event> Events() {
    recorder_->Flush(absl::Seconds(5));
    absl::MutexLock lock(&events_mu_);
    return events_;
  }

  FakePodWriter& writer() { return writer_; }
  cache::Cache& cache() { return cache_; }
  queue::SchedulingQueue& queue() { return queue_; }
  metrics::SchedulerMetrics& metrics() { return metrics_; }
  EventHandlers& handlers() { return handlers_; }

 private:
  cache::Cache cache_;
  queue::SchedulingQueue queue_;
  EventHandlers handlers_;
  FakePodWriter writer_;
  metrics::SchedulerMetrics metrics_{"default-scheduler"};
  absl::Mutex events_mu_;
  std::vector<k8s::core::v1::Event> events_;
  std::unique_ptr<events::EventRecorder> recorder_;
  std::unique_ptr<Scheduler> scheduler_;
  std::thread thread_;
  std::map<std::string, std::shared_ptr<const k8s::core::v1::Pod>> pods_;
  std::set<std::string> confirmed_;
};

TEST_CASE("Scheduler binds pods and counts assumed pods at once", "[core]") {
  Harness harness;
  for (int i = 0; i < 4; ++i) harness.AddNode(testing::MakeSizedNode("n" + std::to_string(i), "2"));
  for (int i = 0; i < 8; ++i) harness.AddPending(MakePod("p" + std::to_string(i)).Req({{"cpu", "1"}}));
  REQUIRE(Eventually([&] { return harness.writer().bindings().size() == 8; }));
  std::map<std::string, int> per_node;
  for (const auto& [pod, node] : harness.writer().bindings()) ++per_node[node];
  CHECK(per_node == std::map<std::string, int>{{"n0", 2}, {"n1", 2}, {"n2", 2}, {"n3", 2}});

  // Nothing is left: the ninth pod is unschedulable, says why, and waits.
  harness.AddPending(MakePod("extra").Req({{"cpu", "1"}}));
  REQUIRE(Eventually([&] { return harness.queue().Where("uid-extra") == "unschedulable"; }));
  REQUIRE(Eventually([&] { return harness.writer().conditions().size() == 1; }));
  auto [name, condition] = harness.writer().conditions()[0];
  CHECK(name == "extra");
  CHECK(condition.type() == "PodScheduled");
  CHECK(condition.status() == "False");
  CHECK(condition.reason() == "Unschedulable");
  CHECK(condition.message() == "0/4 nodes are available: 4 Insufficient cpu.");
  CHECK(harness.metrics().attempts(metrics::Result::kScheduled) == 8);
  CHECK(harness.metrics().attempts(metrics::Result::kUnschedulable) == 1);

  auto events = harness.Events();
  int scheduled = 0, failed = 0;
  for (const auto& event : events) {
    if (event.reason() == "Scheduled") {
      ++scheduled;
      CHECK(event.message().rfind("Successfully assigned default/p", 0) == 0);
    }
    if (event.reason() == "FailedScheduling") {
      ++failed;
      CHECK(event.type() == "Warning");
      CHECK(event.message() == "0/4 nodes are available: 4 Insufficient cpu.");
    }
  }
  CHECK(scheduled == 8);
  CHECK(failed == 1);

  // A new node moves it back, and it fits there.
  harness.ConfirmBindings();
  harness.AddNode(testing::MakeSizedNode("n4", "2"));
  REQUIRE(Eventually([&] { return harness.writer().bindings().count("default/extra") == 1; }));
  CHECK(harness.writer().bindings()["default/extra"] == "n4");
}

TEST_CASE("Scheduler: a failed binding is forgotten and retried", "[core]") {
  Harness harness;
  harness.AddNode(testing::MakeSizedNode("n0", "1"));
  harness.writer().set_bind_error(absl::UnavailableError("apiserver down"));
  harness.AddPending(MakePod("p").Req({{"cpu", "1"}}));
  REQUIRE(Eventually([&] { return harness.queue().Where("uid-p") == "backoff" ||
                                  harness.metrics().attempts(metrics::Result::kScheduled) > 1; }));
  harness.writer().set_bind_error(absl::OkStatus());
  REQUIRE(Eventually([&] { return harness.writer().bindings().size() == 1; }));
  CHECK(harness.cache().IsAssumed("uid-p"));
  harness.ConfirmBindings();
  CHECK_FALSE(harness.cache().IsAssumed("uid-p"));
  CHECK(harness.cache().HasPod("uid-p"));
}

TEST_CASE("Scheduler leaves other schedulers' pods alone", "[core]") {
  Harness harness;
  harness.AddNode(testing::MakeSizedNode("n0", "4"));
  harness.AddPending(MakePod("theirs").SchedulerName("other-scheduler"));
  harness.AddPending(MakePod("mine"));
  REQUIRE(Eventually([&] { return harness.writer().bindings().size() == 1; }));
  absl::SleepFor(absl::Milliseconds(100));
  CHECK(harness.writer().bindings().count("default/mine") == 1);
  CHECK(harness.writer().bindings().size() == 1);
}

TEST_CASE("Scheduler writes the condition only when it changes", "[core]") {
  Harness harness;
  auto pod = MakePod("p").NodeSelector("zone", "x").Obj();
  auto* condition = pod.mutable_status()->add_conditions();
  condition->set_type("PodScheduled");
  condition->set_status("False");
  condition->set_reason("Unschedulable");
  condition->set_message("0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector.");
  harness.AddNode(testing::MakeSizedNode("n0", "4"));
  harness.handlers().OnPodAdd(std::make_shared<k8s::core::v1::Pod>(pod));
  REQUIRE(Eventually([&] { return harness.queue().Where("uid-p") == "unschedulable"; }));
  harness.Events();
  CHECK(harness.writer().conditions().empty());
}

TEST_CASE("EventHandlers route pods and nodes", "[core]") {
  cache::Cache cache;
  queue::SchedulingQueue queue;
  EventHandlers handlers("default-scheduler", cache, queue);
  handlers.OnNodeAdd(testing::MakeSizedNode("n0", "4").Shared());
  // Bound pods of any scheduler count in the cache; pending ones of ours queue.
  handlers.OnPodAdd(MakePod("bound").SchedulerName("other").Node("n0").Req({{"cpu", "1"}}).Shared());
  handlers.OnPodAdd(MakePod("pending").Shared());
  handlers.OnPodAdd(MakePod("done").Node("n0").Phase("Succeeded").Shared());
  CHECK(cache.HasPod("uid-bound"));
  CHECK_FALSE(cache.HasPod("uid-done"));
  CHECK(queue.Where("uid-pending") == "active");
  // Bound by someone: leaves the queue, enters the cache.
  handlers.OnPodUpdate(MakePod("pending").Shared(), MakePod("pending").Node("n0").Shared());
  CHECK(queue.Where("uid-pending") == "");
  CHECK(cache.HasPod("uid-pending"));
  // Finishes: leaves the cache.
  handlers.OnPodUpdate(MakePod("bound").Node("n0").Shared(),
                       MakePod("bound").Node("n0").Phase("Failed").Shared());
  CHECK_FALSE(cache.HasPod("uid-bound"));
  handlers.OnPodDelete(MakePod("pending").Node("n0").Shared());
  CHECK_FALSE(cache.HasPod("uid-pending"));
}

TEST_CASE("Node changes that matter", "[core]") {
  auto base = testing::MakeSizedNode("n", "4");
  CHECK_FALSE(NodeSchedulingPropertiesChanged(base.Obj(), base.Obj()));
  CHECK(NodeSchedulingPropertiesChanged(base.Obj(), testing::MakeSizedNode("n", "4").Label("a", "b").Obj()));
  CHECK(NodeSchedulingPropertiesChanged(base.Obj(), testing::MakeSizedNode("n", "8").Obj()));
  CHECK(NodeSchedulingPropertiesChanged(base.Obj(), testing::MakeSizedNode("n", "4").Unschedulable().Obj()));
  CHECK(NodeSchedulingPropertiesChanged(base.Obj(), testing::MakeSizedNode("n", "4").Taint("k", "v", "NoSchedule").Obj()));
  auto heartbeat = base.Obj();
  heartbeat.mutable_status()->add_conditions()->set_type("Ready");
  CHECK_FALSE(NodeSchedulingPropertiesChanged(base.Obj(), heartbeat));
}

}  // namespace
}  // namespace kube::scheduler::core
