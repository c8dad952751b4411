#include "kubelet/volumes/volume_manager.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "kubelet/objects/fake_object_source.h"
#include "kubelet/volumes/atomic_writer.h"
#include "tests/support/subprocess.h"

namespace kube::kubelet {
namespace {

namespace fs = std::filesystem;
using kube::testing::ReadFile;
using kube::testing::TempDir;

int ModeOf(const std::string& path) {
  struct stat st {};
  REQUIRE(stat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

k8s::core::v1::Pod TestPod() {
  k8s::core::v1::Pod pod;
  pod.mutable_metadata()->set_name("web");
  pod.mutable_metadata()->set_namespace_("shop");
  pod.mutable_metadata()->set_uid("uid-1");
  (*pod.mutable_metadata()->mutable_labels())["app"] = "web";
  return pod;
}

TEST_CASE("configMap, secret, emptyDir, hostPath and downwardAPI volumes materialize") {
  TempDir root;
  testing::FakeObjectSource objects;
  objects.AddConfigMap("shop", "settings", {{"app.conf", "mode=fast\n"}, {"other", "x"}});
  objects.AddSecret("shop", "creds", {{"password", "hunter2"}});
  VolumeManager manager(root.path(), objects);

  k8s::core::v1::Pod pod = TestPod();
  auto* cache = pod.mutable_spec()->add_volumes();
  cache->set_name("cache");
  cache->mutable_volumesource()->mutable_emptydir();
  auto* config = pod.mutable_spec()->add_volumes();
  config->set_name("config");
  auto* cm = config->mutable_volumesource()->mutable_configmap();
  cm->mutable_localobjectreference()->set_name("settings");
  auto* item = cm->add_items();
  item->set_key("app.conf");
  item->set_path("conf/app.conf");
  item->set_mode(0600);
  auto* creds = pod.mutable_spec()->add_volumes();
  creds->set_name("creds");
  creds->mutable_volumesource()->mutable_secret()->set_secretname("creds");
  creds->mutable_volumesource()->mutable_secret()->set_defaultmode(0400);
  auto* host = pod.mutable_spec()->add_volumes();
  host->set_name("host");
  host->mutable_volumesource()->mutable_hostpath()->set_path(root.path() + "/host-data");
  host->mutable_volumesource()->mutable_hostpath()->set_type("DirectoryOrCreate");
  auto* info = pod.mutable_spec()->add_volumes();
  info->set_name("info");
  auto* labels = info->mutable_volumesource()->mutable_downwardapi()->add_items();
  labels->set_path("labels");
  labels->mutable_fieldref()->set_fieldpath("metadata.labels");
  auto* name = info->mutable_volumesource()->mutable_downwardapi()->add_items();
  name->set_path("name");
  name->mutable_fieldref()->set_fieldpath("metadata.name");

  auto volumes = manager.SetUpPod(pod, "10.0.0.9", "192.168.1.1");
  INFO(volumes.status());
  REQUIRE(volumes.ok());
  const std::string pod_dir = root.path() + "/pods/uid-1";
  CHECK((*volumes)["cache"].host_path == pod_dir + "/volumes/kubernetes.io~empty-dir/cache");
  CHECK(fs::is_directory((*volumes)["cache"].host_path));
  const std::string config_dir = (*volumes)["config"].host_path;
  CHECK(ReadFile(config_dir + "/conf/app.conf") == "mode=fast\n");
  CHECK(ModeOf(config_dir + "/conf/app.conf") == 0600);
  CHECK_FALSE(fs::exists(config_dir + "/other"));
  CHECK(fs::is_symlink(config_dir + "/conf"));
  CHECK((*volumes)["config"].read_only);
  CHECK(ReadFile((*volumes)["creds"].host_path + "/password") == "hunter2");
  CHECK(ModeOf((*volumes)["creds"].host_path + "/password") == 0400);
  CHECK(fs::is_directory(root.path() + "/host-data"));
  CHECK((*volumes)["host"].host_path == root.path() + "/host-data");
  CHECK(ReadFile((*volumes)["info"].host_path + "/labels") == "app=\"web\"\n");
  CHECK(ReadFile((*volumes)["info"].host_path + "/name") == "web");

  // Mounts: subPath and readOnly.
  k8s::core::v1::Container container;
  container.set_name("app");
  auto* m1 = container.add_volumemounts();
  m1->set_name("cache");
  m1->set_mountpath("/cache");
  m1->set_subpath("sub/dir");
  auto* m2 = container.add_volumemounts();
  m2->set_name("host");
  m2->set_mountpath("/host");
  m2->set_readonly(true);
  auto* m3 = container.add_volumemounts();
  m3->set_name("config");
  m3->set_mountpath("/etc/app");
  auto mounts = VolumeManager::ContainerMounts(container, *volumes);
  REQUIRE(mounts.ok());
  REQUIRE(mounts->size() == 3);
  CHECK((*mounts)[0].host_path == (*volumes)["cache"].host_path + "/sub/dir");
  CHECK(fs::is_directory((*mounts)[0].host_path));
  CHECK_FALSE((*mounts)[0].readonly);
  CHECK((*mounts)[1].readonly);
  CHECK((*mounts)[2].readonly);
  CHECK((*mounts)[2].container_path == "/etc/app");

  m1->set_subpath("../escape");
  CHECK_FALSE(VolumeManager::ContainerMounts(container, *volumes).ok());

  CHECK(manager.PodsOnDisk() == std::vector<std::string>{"uid-1"});
  REQUIRE(manager.TearDownPod("uid-1").ok());
  CHECK_FALSE(fs::exists(pod_dir));
  CHECK(fs::is_directory(root.path() + "/host-data"));
}

TEST_CASE("a missing configMap fails the mount unless optional") {
  TempDir root;
  testing::FakeObjectSource objects;
  VolumeManager manager(root.path(), objects);
  k8s::core::v1::Pod pod = TestPod();
  auto* config = pod.mutable_spec()->add_volumes();
  config->set_name("config");
  config->mutable_volumesource()->mutable_configmap()->mutable_localobjectreference()->set_name(
      "absent");
  auto volumes = manager.SetUpPod(pod, "", "");
  CHECK(volumes.status().message() ==
        "MountVolume.SetUp failed for volume \"config\" : configmap \"absent\" not found");
  config->mutable_volumesource()->mutable_configmap()->set_optional(true);
  CHECK(manager.SetUpPod(pod, "", "").ok());
}

TEST_CASE("a persistentVolumeClaim mounts its bound hostPath or local volume") {
  TempDir root;
  testing::FakeObjectSource objects;
  VolumeManager manager(root.path(), objects);
  k8s::core::v1::Pod pod = TestPod();
  auto* data = pod.mutable_spec()->add_volumes();
  data->set_name("data");
  data->mutable_volumesource()->mutable_persistentvolumeclaim()->set_claimname("db-data");

  // No claim yet, then a claim still Pending: the mount fails and says why.
  CHECK(manager.SetUpPod(pod, "", "").status().message() ==
        "MountVolume.SetUp failed for volume \"data\" : persistentvolumeclaims \"db-data\" not "
        "found");
  k8s::core::v1::PersistentVolumeClaim claim;
  claim.mutable_metadata()->set_namespace_("shop");
  claim.mutable_metadata()->set_name("db-data");
  claim.mutable_metadata()->set_uid("claim-uid");
  claim.mutable_status()->set_phase("Pending");
  objects.AddPersistentVolumeClaim(claim);
  CHECK(manager.SetUpPod(pod, "", "").status().message() ==
        "MountVolume.SetUp failed for volume \"data\" : persistentvolumeclaim \"db-data\" is not "
        "bound");

  // Bound to a hostPath volume: the node path is mounted (created per its type).
  claim.mutable_spec()->set_volumename("pv-1");
  claim.mutable_status()->set_phase("Bound");
  objects.AddPersistentVolumeClaim(claim);
  k8s::core::v1::PersistentVolume pv;
  pv.mutable_metadata()->set_name("pv-1");
  pv.mutable_spec()->mutable_claimref()->set_uid("claim-uid");
  auto* host = pv.mutable_spec()->mutable_persistentvolumesource()->mutable_hostpath();
  host->set_path(root.path() + "/pv-1");
  host->set_type("DirectoryOrCreate");
  objects.AddPersistentVolume(pv);
  auto volumes = manager.SetUpPod(pod, "", "");
  REQUIRE(volumes.ok());
  CHECK(volumes->at("data").host_path == root.path() + "/pv-1");
  CHECK_FALSE(volumes->at("data").read_only);
  CHECK(fs::is_directory(root.path() + "/pv-1"));

  // readOnly on the claim reference makes every mount of it read-only.
  data->mutable_volumesource()->mutable_persistentvolumeclaim()->set_readonly(true);
  volumes = manager.SetUpPod(pod, "", "");
  REQUIRE(volumes.ok());
  CHECK(volumes->at("data").read_only);

  // A local volume must already exist; one claimed by another claim is refused.
  pv.mutable_spec()->mutable_persistentvolumesource()->clear_hostpath();
  pv.mutable_spec()->mutable_persistentvolumesource()->mutable_local()->set_path(root.path() +
                                                                                "/absent");
  objects.AddPersistentVolume(pv);
  CHECK(manager.SetUpPod(pod, "", "").status().message() ==
        "MountVolume.SetUp failed for volume \"data\" : local volume path " + root.path() +
            "/absent does not exist");
  pv.mutable_spec()->mutable_claimref()->set_uid("someone-else");
  objects.AddPersistentVolume(pv);
  CHECK(manager.SetUpPod(pod, "", "").status().message() ==
        "MountVolume.SetUp failed for volume \"data\" : persistentvolume \"pv-1\" is bound to "
        "another claim");
}

TEST_CASE("atomic writes replace the payload and drop old names") {
  TempDir root;
  const std::string dir = root.path() + "/vol";
  REQUIRE(WriteAtomically(dir, {{"a", {"1", 0644}}, {"b", {"2", 0644}}}).ok());
  std::string first = fs::read_symlink(dir + "/..data").string();
  // The same payload: nothing changes.
  REQUIRE(WriteAtomically(dir, {{"a", {"1", 0644}}, {"b", {"2", 0644}}}).ok());
  CHECK(fs::read_symlink(dir + "/..data").string() == first);
  REQUIRE(WriteAtomically(dir, {{"a", {"updated", 0644}}}).ok());
  CHECK(ReadFile(dir + "/a") == "updated");
  CHECK_FALSE(fs::exists(dir + "/b"));
  CHECK_FALSE(fs::exists(dir + "/" + first));
  CHECK_FALSE(WriteAtomically(dir, {{"../x", {"", 0644}}}).ok());
}

}  // namespace
}  // namespace kube::kubelet
