// The kubelet's volumes with the real apiserver: configMap and secret files
// (items, modes) under the kubelet's root dir, FailedMount until the ConfigMap
// exists, and updates reaching the files.

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <set>

#include "tests/support/kubelet_fixture.h"

namespace kube::testing {
namespace {

using k8s::core::v1::Pod;

int ModeOf(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return -1;
  return st.st_mode & 07777;
}

TEST_CASE("kubelet: configMap and secret volumes are written, mounted and updated", "[kubelet]") {
  KubeletCluster cluster({"--sync-frequency", "2s"});
  Pod pod = BoundPod("config", "node-1");
  auto* config = pod.mutable_spec()->add_volumes();
  config->set_name("config");
  auto* cm = config->mutable_volumesource()->mutable_configmap();
  cm->mutable_localobjectreference()->set_name("settings");
  auto* item = cm->add_items();
  item->set_key("app.conf");
  item->set_path("app/app.conf");
  item->set_mode(0600);
  auto* creds = pod.mutable_spec()->add_volumes();
  creds->set_name("creds");
  creds->mutable_volumesource()->mutable_secret()->set_secretname("creds");
  auto* c = pod.mutable_spec()->mutable_containers(0);
  auto* m1 = c->add_volumemounts();
  m1->set_name("config");
  m1->set_mountpath("/etc/app");
  auto* m2 = c->add_volumemounts();
  m2->set_name("creds");
  m2->set_mountpath("/etc/creds");
  auto created = cluster.Create(pod);
  const std::string volumes =
      cluster.kubelet().root_dir() + "/pods/" + created->metadata().uid() + "/volumes";

  // Nothing to mount yet: the pod waits, and says why.
  bool failed_mount = WaitUntil([&] {
    auto list = cluster.client().List<k8s::core::v1::Event>("default");
    if (!list.ok()) return false;
    for (const auto& event : list->items) {
      if (event->reason() == "FailedMount" &&
          event->message().find("configmap \"settings\" not found") != std::string::npos) {
        return true;
      }
    }
    return false;
  });
  CHECK(failed_mount);
  auto waiting = cluster.GetPod("config");
  REQUIRE(waiting != nullptr);
  CHECK(waiting->status().phase() == "Pending");

  k8s::core::v1::ConfigMap settings;
  settings.mutable_metadata()->set_name("settings");
  settings.mutable_metadata()->set_namespace_("default");
  (*settings.mutable_data())["app.conf"] = "mode=fast\n";
  REQUIRE(cluster.client().Create(settings).ok());
  k8s::core::v1::Secret secret;
  secret.mutable_metadata()->set_name("creds");
  secret.mutable_metadata()->set_namespace_("default");
  (*secret.mutable_data())["password"] = "hunter2";
  REQUIRE(cluster.client().Create(secret).ok());

  REQUIRE(cluster.WaitForPod(
              "config", [](const Pod& p) { return p.status().phase() == "Running"; },
              absl::Seconds(40)) != nullptr);
  const std::string conf = volumes + "/kubernetes.io~configmap/config/app/app.conf";
  CHECK(ReadFile(conf) == "mode=fast\n");
  CHECK(ModeOf(conf) == 0600);
  const std::string password = volumes + "/kubernetes.io~secret/creds/password";
  CHECK(ReadFile(password) == "hunter2");
  CHECK(ModeOf(password) == 0644);

  // An update reaches the file at a later sync.
  (*settings.mutable_data())["app.conf"] = "mode=slow\n";
  auto current = cluster.client().Get<k8s::core::v1::ConfigMap>("default", "settings");
  REQUIRE(current.ok());
  settings.mutable_metadata()->set_resourceversion((*current)->metadata().resourceversion());
  REQUIRE(cluster.client().Update(settings).ok());
  CHECK(WaitUntil([&] { return ReadFile(conf) == "mode=slow\n"; }));

  // Deleting the pod removes its directory.
  REQUIRE(cluster.client().Delete<Pod>("default", "config").ok());
  CHECK(WaitUntil([&] { return !std::filesystem::exists(volumes); }));
}

}  // namespace
}  // namespace kube::testing
