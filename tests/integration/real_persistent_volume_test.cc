// A PersistentVolumeClaim bound by the controller-manager's binder and used by a
// pod on real containers (root only; SKIPPED with a reason otherwise): what the pod
// writes lands in the hostPath PersistentVolume on the node and outlives the pod.
#include <catch2/catch.hpp>

#include "common/util/strings.h"
#include "tests/support/real_cluster.h"

namespace kube::testing {
namespace {

using k8s::core::v1::Pod;

TEST_CASE("a pod writes to a PersistentVolume through its claim", "[real]") {
  REQUIRE_REAL_CLUSTER_PREREQUISITES();
  auto started = RealCluster::Start();
  INFO((started.ok() ? "" : std::string(started.status().message())));
  REQUIRE(started.ok());
  RealCluster& cluster = **started;

  const std::string volume_path = cluster.data_dir() + "/pv-data";
  CommandResult created = cluster.Kubectl(
      {"create", "-f", "-"},
      StrCat("apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: pv-data}\nspec:\n"
             "  capacity: {storage: 1Gi}\n  accessModes: [ReadWriteOnce]\n"
             "  persistentVolumeReclaimPolicy: Retain\n"
             "  hostPath: {path: ",
             volume_path,
             ", type: DirectoryOrCreate}\n---\n"
             "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data}\nspec:\n"
             "  accessModes: [ReadWriteOnce]\n  storageClassName: \"\"\n"
             "  resources: {requests: {storage: 100Mi}}\n"));
  INFO(created.out << created.err);
  REQUIRE(created.exit_code == 0);

  // The binder (kube-controller-manager, started by cluster-up) binds the claim.
  bool bound = false;
  for (int i = 0; i < 150 && !bound; ++i) {
    auto claim = cluster.client().Get<k8s::core::v1::PersistentVolumeClaim>("default", "data");
    bound = claim.ok() && (*claim)->status().phase() == "Bound" &&
            (*claim)->spec().volumename() == "pv-data";
    if (!bound) absl::SleepFor(absl::Milliseconds(200));
  }
  INFO(cluster.LogTails());
  REQUIRE(bound);

  Pod pod = BusyboxPod("writer", "echo persisted-by-writer >/data/out && cat /data/out", "Never");
  auto* mount = pod.mutable_spec()->mutable_containers(0)->add_volumemounts();
  mount->set_name("data");
  mount->set_mountpath("/data");
  auto* volume = pod.mutable_spec()->add_volumes();
  volume->set_name("data");
  volume->mutable_volumesource()->mutable_persistentvolumeclaim()->set_claimname("data");
  REQUIRE(cluster.client().Create(pod).ok());

  std::unique_ptr<Pod> done = cluster.WaitForPod("writer", [](const Pod& p) {
    return p.status().phase() == "Succeeded" || p.status().phase() == "Failed";
  });
  REQUIRE(done != nullptr);
  CHECK(done->status().phase() == "Succeeded");
  // Written inside the container, found on the node.
  CHECK(ReadFile(volume_path + "/out") == "persisted-by-writer\n");
}

}  // namespace
}  // namespace kube::testing
