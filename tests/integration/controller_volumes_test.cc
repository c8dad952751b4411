// The persistentvolume-binder loop with every daemon running: claims bind to the
// smallest matching volume, and a deleted claim releases (Retain) or deletes
// (Delete) its volume.

#include <string>

#include <catch2/catch.hpp>

#include "tests/integration/integration_helpers.h"
#include "tests/support/controller_manager_fixture.h"

namespace kube::testing {
namespace {

using k8s::core::v1::PersistentVolume;
using k8s::core::v1::PersistentVolumeClaim;

std::string VolumeManifest(const std::string& name, const std::string& size, const std::string& policy) {
  return "apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: " + name +
         "}\nspec:\n  capacity: {storage: " + size +
         "}\n  accessModes: [ReadWriteOnce]\n  persistentVolumeReclaimPolicy: " + policy +
         "\n  hostPath: {path: /tmp/" + name + "}\n";
}

std::string ClaimManifest(const std::string& name, const std::string& size) {
  return "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: " + name +
         "}\nspec:\n  accessModes: [ReadWriteOnce]\n  storageClassName: \"\"\n  resources: "
         "{requests: {storage: " + size + "}}\n";
}

}  // namespace

TEST_CASE("controller-manager: claims bind to matching volumes and release them",
          "[controller-manager]") {
  REQUIRE_KUBECTL();
  ControllerCluster cluster;
  cluster.RunKubectl({"create", "-f", "-"}, VolumeManifest("pv-small", "1Gi", "Retain") + "---\n" +
                                                VolumeManifest("pv-big", "5Gi", "Delete"));
  REQUIRE(cluster.WaitUntil([&] {
    auto pv = cluster.client().Get<PersistentVolume>("", "pv-big");
    return pv.ok() && (*pv)->status().phase() == "Available";
  }, absl::Seconds(30), "a new volume is Available"));

  cluster.RunKubectl({"create", "-f", "-"}, ClaimManifest("data", "500Mi"));
  auto bound = [&](const std::string& claim, const std::string& volume) {
    auto pvc = cluster.client().Get<PersistentVolumeClaim>("default", claim);
    auto pv = cluster.client().Get<PersistentVolume>("", volume);
    return pvc.ok() && pv.ok() && (*pvc)->status().phase() == "Bound" &&
           (*pvc)->spec().volumename() == volume && (*pv)->status().phase() == "Bound" &&
           (*pv)->spec().claimref().name() == claim &&
           (*pv)->spec().claimref().uid() == (*pvc)->metadata().uid();
  };
  REQUIRE(cluster.WaitUntil([&] { return bound("data", "pv-small"); }, absl::Seconds(30),
                            "the 500Mi claim binds the 1Gi volume"));
  CHECK(Contains(cluster.RunKubectl({"get", "pvc", "data", "--no-headers"}), "Bound"));

  cluster.RunKubectl({"create", "-f", "-"}, ClaimManifest("big", "2Gi"));
  REQUIRE(cluster.WaitUntil([&] { return bound("big", "pv-big"); }, absl::Seconds(30),
                            "the 2Gi claim binds the 5Gi volume"));
  cluster.RunKubectl({"create", "-f", "-"}, ClaimManifest("huge", "10Gi"));
  absl::SleepFor(absl::Seconds(1));
  auto huge = cluster.client().Get<PersistentVolumeClaim>("default", "huge");
  REQUIRE(huge.ok());
  CHECK((*huge)->spec().volumename().empty());

  cluster.RunKubectl({"delete", "pvc", "data"});
  REQUIRE(cluster.WaitUntil([&] {
    auto pv = cluster.client().Get<PersistentVolume>("", "pv-small");
    return pv.ok() && (*pv)->status().phase() == "Released";
  }, absl::Seconds(30), "Retain: the volume is Released"));
  cluster.RunKubectl({"delete", "pvc", "big"});
  REQUIRE(cluster.WaitUntil([&] {
    return absl::IsNotFound(cluster.client().Get<PersistentVolume>("", "pv-big").status());
  }, absl::Seconds(30), "Delete: the volume is deleted"));
}

}  // namespace kube::testing
