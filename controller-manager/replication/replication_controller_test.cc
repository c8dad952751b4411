// The replica core driven through ReplicationControllers against the in-memory
// FakeTransport: creation with owner references, replacement, scale down,
// adoption of orphans and status.

#include "controller-manager/replication/replication_controller.h"

#include <thread>

#include <catch2/catch.hpp>

#include "absl/time/clock.h"
#include "common/client/fake_transport.h"
#include "common/client/informer_factory.h"
#include "common/events/event_recorder.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::kcm::replication {
namespace {

using k8s::core::v1::Pod;
using k8s::core::v1::ReplicationController;

class NullSink : public events::EventSink {
 public:
  absl::Status Create(const k8s::core::v1::Event&) override { return absl::OkStatus(); }
  absl::Status Update(const k8s::core::v1::Event&) override { return absl::OkStatus(); }
};

ReplicationController MakeRc(const std::string& name, int replicas) {
  ReplicationController rc;
  rc.mutable_metadata()->set_name(name);
  rc.mutable_metadata()->set_namespace_("default");
  rc.mutable_metadata()->set_generation(1);
  rc.mutable_spec()->set_replicas(replicas);
  (*rc.mutable_spec()->mutable_selector())["app"] = name;
  auto* pod_template = rc.mutable_spec()->mutable_template_();
  (*pod_template->mutable_metadata()->mutable_labels())["app"] = name;
  auto* container = pod_template->mutable_spec()->add_containers();
  container->set_name("app");
  container->set_image("busybox");
  return rc;
}

// The fake, informers and a running replication manager.
class Harness {
 public:
  Harness()
      : transport_(std::make_shared<client::testing::FakeTransport>()),
        client_(transport_),
        informers_(transport_),
        recorder_(std::make_unique<NullSink>(), events::EventSource{"test", "host"}),
        context_{client_, informers_, recorder_, settings_},
        controller_(NewReplicationManager(context_)) {
    informers_.Start();
    thread_ = std::thread([this] { (void)controller_->Run(); });
  }
  ~Harness() {
    controller_->Stop();
    thread_.join();
    informers_.Stop();
  }

  const client::Client& client() const { return client_; }

  std::vector<std::unique_ptr<Pod>> Pods(const std::string& app) {
    client::ListOptions options;
    options.label_selector = "app=" + app;
    auto list = client_.List<Pod>("default", options);
    REQUIRE(list.ok());
    return std::move(list->items);
  }

  bool WaitForPods(const std::string& app, size_t count) {
    absl::Time deadline = absl::Now() + absl::Seconds(10);
    while (absl::Now() < deadline) {
      if (Pods(app).size() == count) {
        absl::SleepFor(absl::Milliseconds(200));  // and no more come
        if (Pods(app).size() == count) return true;
      }
      absl::SleepFor(absl::Milliseconds(20));
    }
    UNSCOPED_INFO("pods of " << app << ": " << Pods(app).size());
    return false;
  }

 private:
  std::shared_ptr<client::testing::FakeTransport> transport_;
  client::Client client_;
  client::InformerFactory informers_;
  events::EventRecorder recorder_;
  ControllerSettings settings_;
  ControllerContext context_;
  std::unique_ptr<ControllerInterface> controller_;
  std::thread thread_;
};

}  // namespace

TEST_CASE("replication: creates owned pods, replaces them and scales down", "[replication]") {
  Harness harness;
  auto rc = harness.client().Create(MakeRc("db", 3));
  REQUIRE(rc.ok());
  REQUIRE(harness.WaitForPods("db", 3));
  for (const auto& pod : harness.Pods("db")) {
    REQUIRE(pod->metadata().ownerreferences_size() == 1);
    const auto& ref = pod->metadata().ownerreferences(0);
    CHECK(ref.uid() == (*rc)->metadata().uid());
    CHECK(ref.kind() == "ReplicationController");
    CHECK(ref.controller());
    CHECK(ref.blockownerdeletion());
    CHECK(pod->metadata().name().rfind("db-", 0) == 0);
  }

  const std::string victim = harness.Pods("db").front()->metadata().name();
  REQUIRE(harness.client().Delete<Pod>("default", victim).ok());
  REQUIRE(harness.WaitForPods("db", 3));

  auto current = harness.client().Get<ReplicationController>("default", "db");
  REQUIRE(current.ok());
  (*current)->mutable_spec()->set_replicas(1);
  REQUIRE(harness.client().Update(**current).ok());
  REQUIRE(harness.WaitForPods("db", 1));

  // The status follows, through the status subresource.
  absl::Time deadline = absl::Now() + absl::Seconds(10);
  int32_t replicas = -1;
  while (absl::Now() < deadline) {
    auto latest = harness.client().Get<ReplicationController>("default", "db");
    REQUIRE(latest.ok());
    replicas = (*latest)->status().replicas();
    if (replicas == 1 && (*latest)->status().fullylabeledreplicas() == 1) break;
    absl::SleepFor(absl::Milliseconds(20));
  }
  CHECK(replicas == 1);
}

TEST_CASE("replication: adopts a matching orphan instead of creating", "[replication]") {
  Harness harness;
  Pod orphan;
  orphan.mutable_metadata()->set_name("stray");
  orphan.mutable_metadata()->set_namespace_("default");
  (*orphan.mutable_metadata()->mutable_labels())["app"] = "web";
  REQUIRE(harness.client().Create(orphan).ok());
  // Let the pod informer see it first: had the RC's first sync come before, it
  // would make two pods, adopt the stray as a third and delete one of the three.
  absl::SleepFor(absl::Milliseconds(300));
  auto rc = harness.client().Create(MakeRc("web", 2));
  REQUIRE(rc.ok());
  REQUIRE(harness.WaitForPods("web", 2));
  auto stray = harness.client().Get<Pod>("default", "stray");
  REQUIRE(stray.ok());
  REQUIRE((*stray)->metadata().ownerreferences_size() == 1);
  CHECK((*stray)->metadata().ownerreferences(0).uid() == (*rc)->metadata().uid());
}

}  // namespace kube::kcm::replication
