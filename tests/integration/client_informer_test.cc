// Informers against the real kube-apiserver: list, watch, a server restart, 410
// after compaction with a missed delete, listers and indexes, filtered informers.

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <functional>

#include "common/api/errors.h"
#include "common/client/client.h"
#include "common/client/rest_transport.h"
#include "common/client/typed_informer.h"
#include "common/client/watch_status.h"
#include "k8s/core/v1/core.pb.h"
#include "tests/integration/client_transports.h"
#include "tests/integration/integration_helpers.h"
#include "tests/support/eventually.h"

namespace kube::testing {
namespace {

using client::Client;
using client::Informer;
using k8s::core::v1::ConfigMap;
using k8s::core::v1::Pod;

constexpr absl::Duration kWait = absl::Seconds(20);

// The REST transport with a switch that cuts watches off, as a network partition
// between one client and the server would: open streams fail, new ones are refused.
class PartitionableTransport final : public client::Transport {
 public:
  explicit PartitionableTransport(std::shared_ptr<client::Transport> inner)
      : inner_(std::move(inner)) {}
  void Partition(bool on) { partitioned_ = on; }
  int lists() const { return lists_; }
  int watch_lists() const { return watch_lists_; }

  absl::StatusOr<client::ObjectPtr> Get(const client::Resource& r, const std::string& ns,
                                        const std::string& name,
                                        const std::string& sub = "") override {
    return inner_->Get(r, ns, name, sub);
  }
  absl::StatusOr<client::ListResult> List(const client::Resource& r, const std::string& ns,
                                          const client::ListOptions& o) override {
    ++lists_;
    return inner_->List(r, ns, o);
  }
  absl::StatusOr<client::ObjectPtr> Create(const client::Resource& r, const std::string& ns,
                                           const google::protobuf::Message& m,
                                           const client::WriteOptions& o = {},
                                           const std::string& sub = "") override {
    return inner_->Create(r, ns, m, o, sub);
  }
  absl::StatusOr<client::ObjectPtr> Update(const client::Resource& r, const std::string& ns,
                                           const google::protobuf::Message& m,
                                           const client::WriteOptions& o = {},
                                           const std::string& sub = "") override {
    return inner_->Update(r, ns, m, o, sub);
  }
  absl::StatusOr<client::ObjectPtr> Patch(const client::Resource& r, const std::string& ns,
                                          const std::string& name, const std::string& type,
                                          const std::string& patch,
                                          const client::WriteOptions& o = {},
                                          const std::string& sub = "") override {
    return inner_->Patch(r, ns, name, type, patch, o, sub);
  }
  absl::StatusOr<client::ObjectPtr> Delete(const client::Resource& r, const std::string& ns,
                                           const std::string& name,
                                           const k8s::meta::v1::DeleteOptions& o = {}) override {
    return inner_->Delete(r, ns, name, o);
  }
  absl::StatusOr<std::unique_ptr<client::WatchStream>> Watch(
      const client::Resource& r, const std::string& ns, const client::ListOptions& o) override {
    if (partitioned_) return absl::UnavailableError("partitioned");
    if (o.send_initial_events.value_or(false)) ++watch_lists_;
    auto stream = inner_->Watch(r, ns, o);
    if (!stream.ok()) return stream.status();
    return std::unique_ptr<client::WatchStream>(new Stream(std::move(*stream), &partitioned_));
  }

 private:
  class Stream final : public client::WatchStream {
   public:
    Stream(std::unique_ptr<client::WatchStream> inner, const std::atomic<bool>* partitioned)
        : inner_(std::move(inner)), partitioned_(partitioned) {}
    absl::StatusOr<std::vector<client::WatchEvent>> Next(absl::Duration timeout) override {
      if (*partitioned_) return absl::UnavailableError("partitioned");
      auto events = inner_->Next(timeout);
      // What arrives once the partition is up is lost, as on a real network.
      if (*partitioned_) return absl::UnavailableError("partitioned");
      return events;
    }

   private:
    std::unique_ptr<client::WatchStream> inner_;
    const std::atomic<bool>* partitioned_;
  };

  std::shared_ptr<client::Transport> inner_;
  std::atomic<bool> partitioned_{false};
  std::atomic<int> lists_{0};
  std::atomic<int> watch_lists_{0};
};

client::InformerOptions TestOptions() {
  client::InformerOptions options;
  options.min_backoff = absl::Milliseconds(50);
  options.max_backoff = absl::Milliseconds(500);
  return options;
}

ConfigMap MakeInformerConfigMap(const std::string& name, const std::string& app = "demo") {
  ConfigMap map;
  map.mutable_metadata()->set_namespace_("default");
  map.mutable_metadata()->set_name(name);
  (*map.mutable_metadata()->mutable_labels())["app"] = app;
  (*map.mutable_data())["key"] = "v";
  return map;
}

Pod MakeInformerPod(const std::string& name, const std::string& node) {
  Pod pod;
  pod.mutable_metadata()->set_namespace_("default");
  pod.mutable_metadata()->set_name(name);
  auto* container = pod.mutable_spec()->add_containers();
  container->set_name("main");
  container->set_image("busybox");
  if (!node.empty()) pod.mutable_spec()->set_nodename(node);
  return pod;
}

// Thread-safe log of handler calls: "add x", "update x", "delete x", "tombstone x".
class EventLog {
 public:
  template <typename T>
  client::TypedEventHandlers<T> Handlers() {
    client::TypedEventHandlers<T> handlers;
    handlers.on_add = [this](const std::shared_ptr<const T>& object) {
      Add("add " + object->metadata().name());
    };
    handlers.on_update = [this](const std::shared_ptr<const T>& old_object,
                                const std::shared_ptr<const T>& new_object) {
      if (old_object->metadata().resourceversion() != new_object->metadata().resourceversion()) {
        Add("update " + new_object->metadata().name());
      }
    };
    handlers.on_delete = [this](const client::TypedDeletedObject<T>& deleted) {
      Add((deleted.final_state_unknown ? "tombstone " : "delete ") +
          deleted.object->metadata().name());
    };
    return handlers;
  }
  bool WaitFor(const std::string& line, absl::Duration timeout = kWait) {
    absl::MutexLock lock(&mu_);
    auto seen = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return std::find(lines_.begin(), lines_.end(), line) != lines_.end();
    };
    return mu_.AwaitWithTimeout(absl::Condition(&seen), timeout);
  }
  // Every line so far, comma-separated (for failure messages).
  std::string Lines() {
    absl::MutexLock lock(&mu_);
    std::string all;
    for (const std::string& line : lines_) all += line + ", ";
    return all;
  }
  int Count(const std::string& line) {
    absl::MutexLock lock(&mu_);
    return static_cast<int>(std::count(lines_.begin(), lines_.end(), line));
  }

 private:
  void Add(std::string line) {
    absl::MutexLock lock(&mu_);
    lines_.push_back(std::move(line));
  }
  absl::Mutex mu_;
  std::vector<std::string> lines_ ABSL_GUARDED_BY(mu_);
};

TEST_CASE("client: an informer takes its initial state from a WatchList", "[client][watchlist]") {
  const std::string transport_kind = CLIENT_TRANSPORT();
  ApiServerProcess server({"--grpc-port=auto"});
  REQUIRE_STARTED(server);
  auto transport = std::make_shared<PartitionableTransport>(TransportTo(server, transport_kind));
  Client client(transport);
  for (const char* name : {"one", "two", "three"}) {
    REQUIRE(client.Create(MakeInformerConfigMap(name)).ok());
  }
  auto maps = Informer<ConfigMap>::New(transport, TestOptions());
  EventLog log;
  maps.AddEventHandler(log.Handlers<ConfigMap>());
  maps.Start();
  REQUIRE(maps.WaitForCacheSync(kWait));
  CHECK(maps.lister().List().size() == 3);
  // Synced from the watch's initial events: no LIST was sent.
  CHECK(transport->lists() == 0);
  CHECK(transport->watch_lists() == 1);
  // The same stream goes on with changes.
  REQUIRE(client.Create(MakeInformerConfigMap("four")).ok());
  CHECK(log.WaitFor("add four"));
  CHECK(transport->watch_lists() == 1);
  maps.Stop();
}

TEST_CASE("client: informer lists, watches and survives a server restart", "[client]") {
  const std::string transport_kind = CLIENT_TRANSPORT();
  ApiServerProcess server({"--grpc-port=auto"});
  REQUIRE_STARTED(server);
  auto transport = TransportTo(server, transport_kind);
  Client client(transport);
  REQUIRE(client.Create(MakeInformerConfigMap("before-1")).ok());
  REQUIRE(client.Create(MakeInformerConfigMap("before-2", "other")).ok());

  auto maps = Informer<ConfigMap>::New(transport, TestOptions());
  REQUIRE(maps.AddIndex("app", [](const ConfigMap& map) {
                return std::vector<std::string>{map.metadata().labels().at("app")};
              }).ok());
  EventLog log;
  maps.AddEventHandler(log.Handlers<ConfigMap>());
  maps.Start();
  REQUIRE(maps.WaitForCacheSync(kWait));
  CHECK(log.WaitFor("add before-1"));
  CHECK(log.WaitFor("add before-2"));

  REQUIRE(client.Create(MakeInformerConfigMap("live")).ok());
  CHECK(log.WaitFor("add live"));
  auto live = client.Get<ConfigMap>("default", "live");
  REQUIRE(live.ok());
  (*(*live)->mutable_data())["key"] = "changed";
  REQUIRE(client.Update(**live).ok());
  CHECK(log.WaitFor("update live"));
  REQUIRE(client.Delete<ConfigMap>("default", "before-2").ok());
  CHECK(log.WaitFor("delete before-2"));

  // Lister and indexes answer from the cache.
  auto lister = maps.lister();
  REQUIRE(lister.Get("default", "live") != nullptr);
  CHECK(lister.Get("default", "live")->data().at("key") == "changed");
  CHECK(lister.Get("default", "before-2") == nullptr);
  CHECK(lister.List("default").size() == 2);
  CHECK(lister.List("kube-system").empty());
  auto demo = selectors::LabelSelector::Parse("app=demo");
  REQUIRE(demo.ok());
  CHECK(lister.List(*demo).size() == 2);
  auto by_app = lister.ByIndex("app", "demo");
  REQUIRE(by_app.ok());
  CHECK(by_app->size() == 2);

  // The server restarts; the informer re-watches from where it was and misses nothing.
  std::string why;
  REQUIRE(server.Restart(&why));
  auto created = client.Create(MakeInformerConfigMap("after-restart"));
  INFO(created.status().ToString());
  REQUIRE(created.ok());
  CHECK(log.WaitFor("add after-restart"));
  CHECK(log.Count("add live") == 1);  // no duplicate adds from the restart
  CHECK(Eventually([&] { return lister.List().size() == 3; }));
  maps.Stop();
}

TEST_CASE("client: informer re-lists after compaction and reports a missed delete", "[client]") {
  const std::string transport_kind = CLIENT_TRANSPORT();
  ApiServerProcess server({"--grpc-port=auto", "--etcd-compaction-interval", "1s"});
  REQUIRE_STARTED(server);
  auto partitionable = std::make_shared<PartitionableTransport>(TransportTo(server, transport_kind));
  Client client(TransportTo(server, transport_kind));
  REQUIRE(client.Create(MakeInformerConfigMap("keep")).ok());
  REQUIRE(client.Create(MakeInformerConfigMap("doomed")).ok());

  auto maps = Informer<ConfigMap>::New(partitionable, TestOptions());
  EventLog log;
  maps.AddEventHandler(log.Handlers<ConfigMap>());
  maps.Start();
  REQUIRE(maps.WaitForCacheSync(kWait));
  REQUIRE(log.WaitFor("add doomed"));

  // Cut the informer off; meanwhile the object goes, others change, and the history
  // it would resume from is compacted away.
  partitionable->Partition(true);
  // Where the informer would resume its watch from, once nothing moves it any more
  // (a poll in flight when the partition went up may still land).
  std::string last_seen;
  for (int i = 0; i < 50; ++i) {
    std::string now = maps.shared().LastSyncResourceVersion();
    if (!now.empty() && now == last_seen) break;
    last_seen = now;
    absl::SleepFor(absl::Milliseconds(300));
  }
  REQUIRE_FALSE(last_seen.empty());
  REQUIRE(client.Delete<ConfigMap>("default", "doomed").ok());
  REQUIRE(client.Create(MakeInformerConfigMap("born-while-away")).ok());
  for (int i = 0; i < 3; ++i) {
    REQUIRE(client.Create(MakeInformerConfigMap("filler-" + std::to_string(i))).ok());
  }
  // The compactor runs every second and compacts to what it saw one tick earlier:
  // wait (bounded) until a watch from what the informer last saw gets 410, so the
  // informer must re-list rather than resume. Writes keep the revision moving.
  auto compacted_past_last_seen = [&] {
    client::ListOptions options;
    options.resource_version = last_seen;
    auto stream = client.Watch<ConfigMap>("default", options);
    if (!stream.ok()) return client::IsResourceExpired(stream.status());
    auto events = (*stream)->Next(absl::Milliseconds(300));
    if (!events.ok()) return client::IsResourceExpired(events.status());
    // Over REST the 410 comes as an ERROR event carrying the Status.
    for (const auto& event : *events) {
      if (event.type == "ERROR" && event.object != nullptr &&
          event.object->GetDescriptor() == k8s::meta::v1::Status::descriptor()) {
        return client::IsResourceExpired(
            api::FromApiStatus(static_cast<const k8s::meta::v1::Status&>(*event.object)));
      }
    }
    return false;
  };
  bool compacted = false;
  for (int i = 0; i < 60 && !compacted; ++i) {
    REQUIRE(client.Create(MakeInformerConfigMap("tick-" + std::to_string(i))).ok());
    compacted = compacted_past_last_seen();
    if (!compacted) absl::SleepFor(absl::Milliseconds(200));
  }
  REQUIRE(compacted);
  REQUIRE(client.Create(MakeInformerConfigMap("after-compaction")).ok());
  partitionable->Partition(false);

  if (!log.WaitFor("tombstone doomed")) FAIL_CHECK("no tombstone for doomed; events: " << log.Lines());
  CHECK(log.WaitFor("add born-while-away"));
  CHECK(log.WaitFor("add after-compaction"));
  auto lister = maps.lister();
  CHECK(lister.Get("default", "doomed") == nullptr);
  CHECK(lister.Get("default", "keep") != nullptr);
  // keep, born-while-away, three fillers, the ticks and after-compaction.
  auto expected = client.List<ConfigMap>("default");
  REQUIRE(expected.ok());
  CHECK(Eventually([&] { return lister.List().size() == expected->items.size(); }));

  // Watching again from the new list.
  REQUIRE(client.Create(MakeInformerConfigMap("later")).ok());
  CHECK(log.WaitFor("add later"));
}

TEST_CASE("client: a filtered informer sees only its node's pods", "[client]") {
  const std::string transport_kind = CLIENT_TRANSPORT();
  ApiServerProcess server({"--grpc-port=auto"});
  REQUIRE_STARTED(server);
  auto transport = TransportTo(server, transport_kind);
  Client client(transport);
  REQUIRE(client.Create(MakeInformerPod("mine-1", "node-1")).ok());
  REQUIRE(client.Create(MakeInformerPod("theirs", "node-2")).ok());
  REQUIRE(client.Create(MakeInformerPod("pending", "")).ok());

  client::InformerOptions options = TestOptions();
  options.field_selector = "spec.nodeName=node-1";
  auto pods = Informer<Pod>::New(transport, options);
  EventLog log;
  pods.AddEventHandler(log.Handlers<Pod>());
  pods.Start();
  REQUIRE(pods.WaitForCacheSync(kWait));
  CHECK(log.WaitFor("add mine-1"));

  // A pod bound to the node later arrives as an add.
  k8s::core::v1::Binding binding;
  binding.mutable_metadata()->set_namespace_("default");
  binding.mutable_metadata()->set_name("pending");
  binding.mutable_target()->set_kind("Node");
  binding.mutable_target()->set_name("node-1");
  auto bound = client.transport().Create(client::ResourceFor<Pod>(), "default", binding, {},
                                         "binding");
  INFO(bound.status());
  REQUIRE(bound.ok());
  CHECK(log.WaitFor("add pending"));
  REQUIRE(client.Create(MakeInformerPod("mine-2", "node-1")).ok());
  REQUIRE(client.Create(MakeInformerPod("theirs-2", "node-2")).ok());
  CHECK(log.WaitFor("add mine-2"));

  auto lister = pods.lister();
  CHECK(Eventually([&] { return lister.List().size() == 3; }));
  absl::SleepFor(absl::Milliseconds(200));
  std::vector<std::string> names;
  for (const auto& pod : lister.List()) {
    CHECK(pod->spec().nodename() == "node-1");
    names.push_back(pod->metadata().name());
  }
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"mine-1", "mine-2", "pending"});
  CHECK(log.Count("add theirs") == 0);
  CHECK(log.Count("add theirs-2") == 0);
}

}  // namespace
}  // namespace kube::testing
