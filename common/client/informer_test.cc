#include "common/client/informer.h"

#include <catch2/catch.hpp>
#include <functional>

#include "common/client/client.h"
#include "common/client/fake_transport.h"
#include "common/client/informer_factory.h"
#include "common/client/typed_informer.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::client {
namespace {

using k8s::core::v1::ConfigMap;
using k8s::core::v1::Pod;

constexpr absl::Duration kWait = absl::Seconds(10);

InformerOptions FastOptions() {
  InformerOptions options;
  options.min_backoff = absl::Milliseconds(10);
  options.max_backoff = absl::Milliseconds(50);
  return options;
}

Pod MakePod(const std::string& name, const std::string& app = "web") {
  Pod pod;
  pod.mutable_metadata()->set_namespace_("default");
  pod.mutable_metadata()->set_name(name);
  (*pod.mutable_metadata()->mutable_labels())["app"] = app;
  return pod;
}

std::string Describe(const CachedObject& object) {
  const auto& pod = static_cast<const Pod&>(*object);
  return pod.metadata().name() + "@" + pod.metadata().resourceversion();
}

// Collects what handlers hear as lines: "add a@101", "update a@101->a@103",
// "delete a", "tombstone a".
class Recorder {
 public:
  EventHandlers Handlers() {
    EventHandlers handlers;
    handlers.on_add = [this](const CachedObject& object) { Record("add " + Describe(object)); };
    handlers.on_update = [this](const CachedObject& old_object, const CachedObject& new_object) {
      Record("update " + Describe(old_object) + "->" + Describe(new_object));
    };
    handlers.on_delete = [this](const DeletedObject& deleted) {
      std::string name = static_cast<const Pod&>(*deleted.object).metadata().name();
      Record((deleted.final_state_unknown ? "tombstone " : "delete ") + name);
      if (deleted.key != "default/" + name) Record("bad key " + deleted.key);
    };
    return handlers;
  }

  // Waits until some recorded line satisfies `match`.
  bool WaitFor(const std::function<bool(const std::string&)>& match,
               absl::Duration timeout = kWait) {
    absl::MutexLock lock(&mu_);
    auto found = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      for (const std::string& line : lines_) {
        if (match(line)) return true;
      }
      return false;
    };
    return mu_.AwaitWithTimeout(absl::Condition(&found), timeout);
  }
  bool WaitForLine(const std::string& line) {
    return WaitFor([&](const std::string& l) { return l == line; });
  }
  std::vector<std::string> lines() {
    absl::MutexLock lock(&mu_);
    return lines_;
  }
  void Clear() {
    absl::MutexLock lock(&mu_);
    lines_.clear();
  }

 private:
  void Record(std::string line) {
    absl::MutexLock lock(&mu_);
    lines_.push_back(std::move(line));
  }

  absl::Mutex mu_;
  std::vector<std::string> lines_ ABSL_GUARDED_BY(mu_);
};

TEST_CASE("informer lists, then watches every change") {
  auto fake = std::make_shared<testing::FakeTransport>();
  Client client(fake);
  REQUIRE(client.Create(MakePod("a")).ok());  // rv 101
  REQUIRE(client.Create(MakePod("b")).ok());  // rv 102
  SharedInformer informer(fake, ResourceFor<Pod>(), FastOptions());
  Recorder recorder;
  informer.AddEventHandler(recorder.Handlers());
  CHECK_FALSE(informer.HasSynced());
  informer.Start();
  REQUIRE(informer.WaitForCacheSync(kWait));
  CHECK(recorder.WaitForLine("add b@102"));
  CHECK(recorder.WaitForLine("add a@101"));

  REQUIRE(client.Create(MakePod("c")).ok());  // 103
  auto a = client.Get<Pod>("default", "a");
  REQUIRE(a.ok());
  (*a)->mutable_spec()->set_nodename("n1");
  REQUIRE(client.Update(**a).ok());  // 104
  REQUIRE(client.Delete<Pod>("default", "b").ok());  // 105
  CHECK(recorder.WaitForLine("delete b"));
  std::vector<std::string> lines = recorder.lines();
  REQUIRE(lines.size() == 5);
  CHECK(lines[2] == "add c@103");
  CHECK(lines[3] == "update a@101->a@104");
  CHECK(lines[4] == "delete b");

  Lister<Pod> lister(informer.indexer());
  REQUIRE(lister.Get("default", "a") != nullptr);
  CHECK(lister.Get("default", "a")->spec().nodename() == "n1");
  CHECK(lister.Get("default", "b") == nullptr);
  CHECK(lister.List().size() == 2);
  CHECK(fake->list_calls() == 1);
  // The fake refuses WatchList as a server without it: asked once, then listed.
  CHECK(fake->watch_list_refusals() == 1);
  informer.Stop();
  CHECK(fake->open_watches() == 0);
}

TEST_CASE("informer re-watches from the last resourceVersion when a watch ends") {
  auto fake = std::make_shared<testing::FakeTransport>();
  Client client(fake);
  SharedInformer informer(fake, ResourceFor<Pod>(), FastOptions());
  Recorder recorder;
  informer.AddEventHandler(recorder.Handlers());
  informer.Start();
  REQUIRE(informer.WaitForCacheSync(kWait));
  REQUIRE(client.Create(MakePod("a")).ok());
  REQUIRE(recorder.WaitForLine("add a@101"));

  fake->CloseWatches();
  REQUIRE(client.Create(MakePod("b")).ok());
  CHECK(recorder.WaitForLine("add b@102"));

  // The server goes away for a while: watches fail, then come back.
  fake->BreakWatches(true);
  absl::SleepFor(absl::Milliseconds(100));
  REQUIRE(client.Create(MakePod("c")).ok());
  fake->BreakWatches(false);
  CHECK(recorder.WaitForLine("add c@103"));
  CHECK(fake->list_calls() == 1);  // never re-listed: history was there
  CHECK(fake->watch_calls() >= 3);
  CHECK(recorder.lines().size() == 3);
}

TEST_CASE("informer re-lists on 410 and delivers a missed delete as a tombstone") {
  auto fake = std::make_shared<testing::FakeTransport>();
  Client client(fake);
  REQUIRE(client.Create(MakePod("a")).ok());  // 101
  REQUIRE(client.Create(MakePod("b")).ok());  // 102
  SharedInformer informer(fake, ResourceFor<Pod>(), FastOptions());
  Recorder recorder;
  informer.AddEventHandler(recorder.Handlers());
  informer.Start();
  REQUIRE(informer.WaitForCacheSync(kWait));
  REQUIRE(recorder.WaitForLine("add b@102"));

  // While the watch is down: b is deleted, a changes, d appears, history is compacted.
  fake->BreakWatches(true);
  REQUIRE(client.Delete<Pod>("default", "b").ok());  // 103
  auto a = client.Get<Pod>("default", "a");
  REQUIRE(a.ok());
  REQUIRE(client.Update(**a).ok());           // 104
  REQUIRE(client.Create(MakePod("d")).ok());  // 105
  fake->Compact();
  fake->BreakWatches(false);

  CHECK(recorder.WaitForLine("tombstone b"));
  CHECK(recorder.WaitForLine("update a@101->a@104"));
  CHECK(recorder.WaitForLine("add d@105"));
  CHECK(fake->list_calls() == 2);
  CHECK(fake->watch_list_refusals() == 1);  // a refused WatchList is not asked for again
  // The reflector records the list's resourceVersion right after the cache.
  for (int i = 0; i < 100 && informer.LastSyncResourceVersion() != "105"; ++i) {
    absl::SleepFor(absl::Milliseconds(10));
  }
  CHECK(informer.LastSyncResourceVersion() == "105");
  Lister<Pod> lister(informer.indexer());
  CHECK(lister.Get("default", "b") == nullptr);
  CHECK(lister.List().size() == 2);

  // And it watches on from the new list.
  REQUIRE(client.Create(MakePod("e")).ok());
  CHECK(recorder.WaitForLine("add e@106"));
}

TEST_CASE("informer retries failed lists with backoff") {
  auto fake = std::make_shared<testing::FakeTransport>();
  Client client(fake);
  REQUIRE(client.Create(MakePod("a")).ok());
  fake->FailLists(absl::UnavailableError("connection refused"), 3);
  SharedInformer informer(fake, ResourceFor<Pod>(), FastOptions());
  informer.Start();
  REQUIRE(informer.WaitForCacheSync(kWait));
  CHECK(fake->list_calls() == 4);
  CHECK(informer.indexer()->size() == 1);
}

TEST_CASE("informer resync re-delivers every object as an update") {
  auto fake = std::make_shared<testing::FakeTransport>();
  Client client(fake);
  REQUIRE(client.Create(MakePod("a")).ok());
  REQUIRE(client.Create(MakePod("b")).ok());
  InformerOptions options = FastOptions();
  options.resync_period = absl::Milliseconds(100);
  SharedInformer informer(fake, ResourceFor<Pod>(), options);
  Recorder recorder;
  informer.AddEventHandler(recorder.Handlers());
  informer.Start();
  CHECK(recorder.WaitForLine("update a@101->a@101"));
  CHECK(recorder.WaitForLine("update b@102->b@102"));
  recorder.Clear();
  CHECK(recorder.WaitForLine("update a@101->a@101"));  // and again
}

TEST_CASE("late handlers get synthetic adds, removed handlers hear nothing more") {
  auto fake = std::make_shared<testing::FakeTransport>();
  Client client(fake);
  REQUIRE(client.Create(MakePod("a")).ok());
  SharedInformer informer(fake, ResourceFor<Pod>(), FastOptions());
  informer.Start();
  REQUIRE(informer.WaitForCacheSync(kWait));

  Recorder late;
  HandlerId id = informer.AddEventHandler(late.Handlers());
  CHECK(late.WaitForLine("add a@101"));
  REQUIRE(client.Create(MakePod("b")).ok());
  CHECK(late.WaitForLine("add b@102"));
  CHECK(late.lines().size() == 2);  // no duplicate of a

  informer.RemoveEventHandler(id);
  late.Clear();
  Recorder other;
  informer.AddEventHandler(other.Handlers());
  REQUIRE(client.Create(MakePod("c")).ok());
  CHECK(other.WaitForLine("add c@103"));
  CHECK(late.lines().empty());
}

TEST_CASE("filtered informer sees only matching objects") {
  auto fake = std::make_shared<testing::FakeTransport>();
  Client client(fake);
  REQUIRE(client.Create(MakePod("w1", "web")).ok());
  REQUIRE(client.Create(MakePod("d1", "db")).ok());
  InformerOptions options = FastOptions();
  options.label_selector = "app=web";
  auto pods = Informer<Pod>::New(fake, options);
  pods.Start();
  REQUIRE(pods.WaitForCacheSync(kWait));
  REQUIRE(client.Create(MakePod("w2", "web")).ok());
  REQUIRE(client.Create(MakePod("d2", "db")).ok());
  absl::Time deadline = absl::Now() + kWait;
  while (pods.lister().List().size() < 2 && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(10));
  }
  absl::SleepFor(absl::Milliseconds(50));
  std::vector<std::string> names;
  for (const auto& pod : pods.lister().List()) names.push_back(pod->metadata().name());
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"w1", "w2"});
}

TEST_CASE("typed informer: typed handlers, custom index, lister") {
  auto fake = std::make_shared<testing::FakeTransport>();
  Client client(fake);
  Pod on_node = MakePod("a");
  on_node.mutable_spec()->set_nodename("n1");
  REQUIRE(client.Create(on_node).ok());
  REQUIRE(client.Create(MakePod("b")).ok());

  InformerFactory factory(fake, FastOptions());
  Informer<Pod> pods = factory.For<Pod>();
  REQUIRE(pods.AddIndex("node", [](const Pod& pod) {
                return std::vector<std::string>{pod.spec().nodename()};
              }).ok());
  absl::Mutex mu;
  std::vector<std::string> seen;
  pods.AddEventHandler({.on_add = [&](const std::shared_ptr<const Pod>& pod) {
                          absl::MutexLock lock(&mu);
                          seen.push_back(pod->metadata().name());
                        },
                        .on_update = nullptr,
                        .on_delete = nullptr});
  Informer<ConfigMap> maps = factory.For<ConfigMap>();
  CHECK(&factory.For<Pod>().shared() == &pods.shared());  // one informer per kind
  factory.Start();
  REQUIRE(factory.WaitForCacheSync(kWait));
  auto on_n1 = pods.lister().ByIndex("node", "n1");
  REQUIRE(on_n1.ok());
  REQUIRE(on_n1->size() == 1);
  CHECK((*on_n1)[0]->metadata().name() == "a");
  CHECK(maps.lister().List().empty());
  absl::MutexLock lock(&mu);
  auto two = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) { return seen.size() == 2; };
  CHECK(mu.AwaitWithTimeout(absl::Condition(&two), kWait));
}

TEST_CASE("informer stops promptly") {
  auto fake = std::make_shared<testing::FakeTransport>();
  auto informer = std::make_unique<SharedInformer>(fake, ResourceFor<Pod>(), FastOptions());
  informer->Start();
  REQUIRE(informer->WaitForCacheSync(kWait));
  absl::Time start = absl::Now();
  informer.reset();
  CHECK(absl::Now() - start < absl::Seconds(2));
  CHECK(fake->open_watches() == 0);

  // An informer that never synced also stops, and WaitForCacheSync says false.
  fake->FailLists(absl::UnavailableError("down"), 1000);
  SharedInformer never(fake, ResourceFor<Pod>(), FastOptions());
  never.Start();
  CHECK_FALSE(never.WaitForCacheSync(absl::Milliseconds(100)));
  never.Stop();
  CHECK_FALSE(never.WaitForCacheSync(absl::Seconds(5)));
}

}  // namespace
}  // namespace kube::client
