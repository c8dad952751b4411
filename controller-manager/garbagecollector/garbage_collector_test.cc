// The garbage collector against the in-memory FakeTransport: dependents of a
// deleted owner are deleted; an owner with the orphan finalizer loses it after its
// dependents lose their references; foreground deletion deletes the dependents
// first.

#include "controller-manager/garbagecollector/garbage_collector.h"

#include <thread>

#include <catch2/catch.hpp>

#include "absl/time/clock.h"
#include "common/client/fake_transport.h"
#include "common/client/informer_factory.h"
#include "common/events/event_recorder.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::kcm::garbagecollector {
namespace {

using k8s::core::v1::ConfigMap;
using k8s::core::v1::ReplicationController;

class NullSink : public events::EventSink {
 public:
  absl::Status Create(const k8s::core::v1::Event&) override { return absl::OkStatus(); }
  absl::Status Update(const k8s::core::v1::Event&) override { return absl::OkStatus(); }
};

class Harness {
 public:
  Harness()
      : transport_(std::make_shared<client::testing::FakeTransport>()),
        client_(transport_),
        informers_(transport_),
        recorder_(std::make_unique<NullSink>(), events::EventSource{"test", "host"}),
        context_{client_, informers_, recorder_, settings_},
        collector_(std::make_unique<GarbageCollector>(context_)) {
    informers_.Start();
    thread_ = std::thread([this] { (void)collector_->Run(); });
  }
  ~Harness() {
    collector_->Stop();
    thread_.join();
    informers_.Stop();
  }
  const client::Client& client() const { return client_; }

  std::unique_ptr<ReplicationController> CreateOwner(const std::string& name) {
    ReplicationController rc;
    rc.mutable_metadata()->set_name(name);
    rc.mutable_metadata()->set_namespace_("default");
    auto created = client_.Create(rc);
    REQUIRE(created.ok());
    return std::move(*created);
  }
  // A ConfigMap owned by `owner` (any kind may be a dependent).
  void CreateDependent(const std::string& name, const ReplicationController& owner, bool block) {
    ConfigMap map;
    map.mutable_metadata()->set_name(name);
    map.mutable_metadata()->set_namespace_("default");
    auto* ref = map.mutable_metadata()->add_ownerreferences();
    ref->set_apiversion("v1");
    ref->set_kind("ReplicationController");
    ref->set_name(owner.metadata().name());
    ref->set_uid(owner.metadata().uid());
    ref->set_blockownerdeletion(block);
    REQUIRE(client_.Create(map).ok());
  }
  // Marks the owner deleted with `finalizer`, as the apiserver does for a policy.
  void MarkDeleted(const std::string& name, const std::string& finalizer) {
    auto rc = client_.Get<ReplicationController>("default", name);
    REQUIRE(rc.ok());
    (*rc)->mutable_metadata()->add_finalizers(finalizer);
    (*rc)->mutable_metadata()->mutable_deletiontimestamp()->set_seconds(absl::ToUnixSeconds(absl::Now()));
    REQUIRE(client_.Update(**rc).ok());
  }

  bool WaitFor(const std::function<bool()>& done) {
    absl::Time deadline = absl::Now() + absl::Seconds(10);
    while (absl::Now() < deadline) {
      if (done()) return true;
      absl::SleepFor(absl::Milliseconds(20));
    }
    return false;
  }

 private:
  std::shared_ptr<client::testing::FakeTransport> transport_;
  client::Client client_;
  client::InformerFactory informers_;
  events::EventRecorder recorder_;
  ControllerSettings settings_;
  ControllerContext context_;
  std::unique_ptr<GarbageCollector> collector_;
  std::thread thread_;
};

}  // namespace

TEST_CASE("gc: dependents of a deleted owner are deleted, others stay", "[gc]") {
  Harness harness;
  auto owner = harness.CreateOwner("web");
  auto other = harness.CreateOwner("db");
  harness.CreateDependent("web-config", *owner, false);
  harness.CreateDependent("db-config", *other, false);
  absl::SleepFor(absl::Milliseconds(300));
  CHECK(harness.client().Get<ConfigMap>("default", "web-config").ok());

  REQUIRE(harness.client().Delete<ReplicationController>("default", "web").ok());
  CHECK(harness.WaitFor([&] {
    return absl::IsNotFound(harness.client().Get<ConfigMap>("default", "web-config").status());
  }));
  CHECK(harness.client().Get<ConfigMap>("default", "db-config").ok());
}

TEST_CASE("gc: a dependent whose owner never existed is deleted", "[gc]") {
  Harness harness;
  ReplicationController ghost;
  ghost.mutable_metadata()->set_name("ghost");
  ghost.mutable_metadata()->set_uid("uid-never");
  harness.CreateDependent("haunted", ghost, false);
  CHECK(harness.WaitFor([&] {
    return absl::IsNotFound(harness.client().Get<ConfigMap>("default", "haunted").status());
  }));
}

TEST_CASE("gc: orphan strips the references, then the finalizer", "[gc]") {
  Harness harness;
  auto owner = harness.CreateOwner("web");
  harness.CreateDependent("web-config", *owner, true);
  absl::SleepFor(absl::Milliseconds(300));
  harness.MarkDeleted("web", kOrphanFinalizer);
  CHECK(harness.WaitFor([&] {
    auto rc = harness.client().Get<ReplicationController>("default", "web");
    return rc.ok() && (*rc)->metadata().finalizers_size() == 0;
  }));
  auto map = harness.client().Get<ConfigMap>("default", "web-config");
  REQUIRE(map.ok());
  CHECK((*map)->metadata().ownerreferences_size() == 0);
}

TEST_CASE("gc: foreground deletes the dependents before the finalizer goes", "[gc]") {
  Harness harness;
  auto owner = harness.CreateOwner("web");
  harness.CreateDependent("web-a", *owner, true);
  harness.CreateDependent("web-b", *owner, false);
  absl::SleepFor(absl::Milliseconds(300));
  harness.MarkDeleted("web", kForegroundFinalizer);
  CHECK(harness.WaitFor([&] {
    auto rc = harness.client().Get<ReplicationController>("default", "web");
    return rc.ok() && (*rc)->metadata().finalizers_size() == 0;
  }));
  CHECK(absl::IsNotFound(harness.client().Get<ConfigMap>("default", "web-a").status()));
  CHECK(absl::IsNotFound(harness.client().Get<ConfigMap>("default", "web-b").status()));
}

}  // namespace kube::kcm::garbagecollector
