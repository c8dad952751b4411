// The root-ca-cert-publisher loop against the in-memory FakeTransport:
// kube-root-ca.crt appears in every active namespace, is restored after
// tampering, recreated after deletion, never created in a terminating namespace;
// and the loop runs only with a usable --root-ca-file.

#include "controller-manager/rootcacertpublisher/root_ca_cert_publisher.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "absl/time/clock.h"
#include "controller-manager/controller/testing/loop_harness.h"
#include "controller-manager/rootcacertpublisher/test_ca.h"

namespace kube::kcm::rootcacertpublisher {
namespace {

using k8s::core::v1::ConfigMap;
using k8s::core::v1::Namespace;
using kcm::testing::LoopHarness;
using testing::kTestCaPem;

Namespace ActiveNamespace(const std::string& name) {
  Namespace ns;
  ns.mutable_metadata()->set_name(name);
  ns.mutable_status()->set_phase("Active");
  return ns;
}

void MarkTerminating(Namespace& ns) {
  ns.mutable_status()->set_phase("Terminating");
  ns.mutable_metadata()->mutable_deletiontimestamp()->set_seconds(absl::ToUnixSeconds(absl::Now()));
}

class PublisherHarness {
 public:
  PublisherHarness() {
    harness_.Run(std::make_unique<RootCaCertPublisher>(harness_.context(), kTestCaPem));
  }

  const client::Client& client() const { return harness_.client(); }

  void CreateNamespace(const std::string& name) {
    REQUIRE(client().Create(ActiveNamespace(name)).ok());
  }
  // NS/kube-root-ca.crt, or nullptr.
  std::unique_ptr<ConfigMap> Published(const std::string& ns) {
    auto map = client().Get<ConfigMap>(ns, kConfigMapName);
    if (absl::IsNotFound(map.status())) return nullptr;
    REQUIRE(map.ok());
    return std::move(*map);
  }
  // Waits until NS/kube-root-ca.crt holds the bundle, and only it, and the
  // description (and is not the object of uid `not_uid`).
  bool WaitForPublished(const std::string& ns, const std::string& not_uid = "") {
    return LoopHarness::Eventually([&] {
      std::unique_ptr<ConfigMap> map = Published(ns);
      if (map == nullptr || map->metadata().uid() == not_uid) return false;
      auto description = map->metadata().annotations().find(kDescriptionAnnotation);
      return map->data_size() == 1 && map->data().at(kCaKey) == kTestCaPem &&
             description != map->metadata().annotations().end() &&
             description->second.find("kube-apiserver") != std::string::npos;
    });
  }
  bool WaitForCachedTerminating(const std::string& ns) {
    client::Lister<Namespace> cached = harness_.context().informers.For<Namespace>().lister();
    return LoopHarness::Eventually([&] {
      std::shared_ptr<const Namespace> object = cached.Get("", ns);
      return object != nullptr && object->status().phase() == "Terminating";
    });
  }

 // Waits until the loop has nothing left to do (see LoopHarness::WaitUntilIdle).
  bool WaitUntilIdle() { return harness_.WaitUntilIdle(); }

 private:
  LoopHarness harness_;
};

// A file under the temp directory, removed at scope exit.
class ScopedFile {
 public:
  explicit ScopedFile(const std::string& content)
      : path_(std::filesystem::temp_directory_path() /
              ("kcm-root-ca-" + std::to_string(getpid()) + ".crt")) {
    std::ofstream(path_) << content;
  }
  ~ScopedFile() { std::filesystem::remove(path_); }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace

TEST_CASE("root-ca-cert-publisher: every namespace gets kube-root-ca.crt",
          "[root-ca-cert-publisher]") {
  PublisherHarness harness;
  harness.CreateNamespace("alpha");
  harness.CreateNamespace("kube-system");
  CHECK(harness.WaitForPublished("alpha"));
  CHECK(harness.WaitForPublished("kube-system"));
}

TEST_CASE("root-ca-cert-publisher: tampered data and a removed annotation are restored",
          "[root-ca-cert-publisher]") {
  PublisherHarness harness;
  harness.CreateNamespace("alpha");
  REQUIRE(harness.WaitForPublished("alpha"));

  std::unique_ptr<ConfigMap> map = harness.Published("alpha");
  (*map->mutable_data())[kCaKey] = "not the cluster's CA";
  (*map->mutable_data())["extra"] = "x";
  (*map->mutable_metadata()->mutable_labels())["team"] = "blue";
  auto tampered = harness.client().Update(*map);
  REQUIRE(tampered.ok());
  REQUIRE(harness.WaitForPublished("alpha"));
  std::unique_ptr<ConfigMap> restored = harness.Published("alpha");
  CHECK(restored->metadata().uid() == (*tampered)->metadata().uid());
  CHECK(restored->metadata().labels().at("team") == "blue");  // the rest is kept

  restored->mutable_metadata()->mutable_annotations()->erase(kDescriptionAnnotation);
  REQUIRE(harness.client().Update(*restored).ok());
  CHECK(harness.WaitForPublished("alpha"));
}

TEST_CASE("root-ca-cert-publisher: a deleted kube-root-ca.crt is recreated",
          "[root-ca-cert-publisher]") {
  PublisherHarness harness;
  harness.CreateNamespace("alpha");
  REQUIRE(harness.WaitForPublished("alpha"));
  const std::string first = harness.Published("alpha")->metadata().uid();
  REQUIRE(harness.client().Delete<ConfigMap>("alpha", kConfigMapName).ok());
  CHECK(harness.WaitForPublished("alpha", first));
}

TEST_CASE("root-ca-cert-publisher: nothing is published in a terminating namespace",
          "[root-ca-cert-publisher]") {
  PublisherHarness harness;
  Namespace going = ActiveNamespace("going");
  MarkTerminating(going);
  REQUIRE(harness.client().Create(going).ok());

  // One that starts terminating after it got its map, then loses it.
  harness.CreateNamespace("closing");
  REQUIRE(harness.WaitForPublished("closing"));
  auto closing = harness.client().Get<Namespace>("", "closing");
  REQUIRE(closing.ok());
  MarkTerminating(**closing);
  REQUIRE(harness.client().Update(**closing).ok());
  REQUIRE(harness.WaitForCachedTerminating("closing"));
  REQUIRE(harness.client().Delete<ConfigMap>("closing", kConfigMapName).ok());

  harness.CreateNamespace("later");
  REQUIRE(harness.WaitForPublished("later"));
  REQUIRE(harness.WaitUntilIdle());
  CHECK(harness.Published("going") == nullptr);
  CHECK(harness.Published("closing") == nullptr);
}

TEST_CASE("root-ca-cert-publisher: runs only with a usable --root-ca-file",
          "[root-ca-cert-publisher]") {
  ControllerSettings settings;
  LoopHarness without(settings);
  auto skipped = RootCaCertPublisher::Create(without.context());
  REQUIRE(skipped.ok());
  CHECK(*skipped == nullptr);

  settings.root_ca_file = "/nonexistent/kcm/ca.crt";
  LoopHarness missing(settings);
  CHECK_FALSE(RootCaCertPublisher::Create(missing.context()).ok());

  ScopedFile file(kTestCaPem);
  settings.root_ca_file = file.path();
  LoopHarness with(settings);
  auto created = RootCaCertPublisher::Create(with.context());
  REQUIRE(created.ok());
  CHECK(*created != nullptr);
}

}  // namespace kube::kcm::rootcacertpublisher
