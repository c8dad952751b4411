// The python-kubernetes image on real containerd (root only; SKIPPED with a reason
// otherwise): deploy/images/ builds it offline from this machine's Debian packages
// python3 and python3-kubernetes, cluster-up pushes it into the cluster's registry,
// and `image: python-kubernetes` reaches it through the node's docker.io mirror.
#include <catch2/catch.hpp>

#include "absl/strings/match.h"
#include "absl/strings/strip.h"
#include "common/util/strings.h"
#include "tests/integration/real_test_helpers.h"
#include "tests/support/eventually.h"
#include "tests/support/real_cluster.h"
#include "tests/support/subprocess.h"

namespace kube::testing {
namespace {

using k8s::core::v1::Pod;

// The upstream version of the installed python3-kubernetes ("22.6.0" of
// "22.6.0-2"): what kubernetes.__version__ says in the image built from it.
std::string DebianClientVersion() {
  CommandResult query = RunCommand({"dpkg-query", "-W", "-f=${Version}", "python3-kubernetes"});
  INFO(query.out << query.err);
  REQUIRE(query.exit_code == 0);
  std::string version = query.out;
  if (size_t colon = version.find(':'); colon != std::string::npos) {
    version = version.substr(colon + 1);  // the epoch
  }
  if (size_t dash = version.rfind('-'); dash != std::string::npos) {
    version = version.substr(0, dash);  // the Debian revision
  }
  REQUIRE_FALSE(version.empty());
  return version;
}

// A pod that runs `program` with the image's python3 once.
Pod PythonPod(const std::string& name, const std::string& program) {
  Pod pod;
  pod.mutable_metadata()->set_name(name);
  pod.mutable_metadata()->set_namespace_("default");
  pod.mutable_spec()->set_restartpolicy("Never");
  pod.mutable_spec()->set_terminationgraceperiodseconds(2);
  auto* container = pod.mutable_spec()->add_containers();
  container->set_name("main");
  container->set_image("python-kubernetes");
  container->add_command("python3");
  container->add_command("-c");
  container->add_command(program);
  return pod;
}

TEST_CASE("the python-kubernetes image runs the official client Debian ships", "[real]") {
  REQUIRE_REAL_CLUSTER_PREREQUISITES();
  const std::string version = DebianClientVersion();
  std::unique_ptr<RealCluster> cluster = StartRealCluster();

  REQUIRE(cluster->client()
              .Create(PythonPod("python-version",
                                "import kubernetes; print(kubernetes.__version__)"))
              .ok());
  // Tag latest: pull policy Always, so the kubelet pulls it through the mirror.
  std::unique_ptr<Pod> done =
      cluster->WaitForPod("python-version", Terminal, absl::Seconds(120));
  REQUIRE(done != nullptr);
  const auto* status = ContainerStatusOf(*done, "main");
  REQUIRE(status != nullptr);
  INFO(ContainerLog(*cluster, *done, "main") << cluster->LogTails());
  CHECK_THAT(status->imageid(), Catch::Contains("sha256:"));
  REQUIRE(done->status().phase() == "Succeeded");
  REQUIRE(status->state().has_terminated());
  CHECK(status->state().terminated().exitcode() == 0);

  // CRI log lines: "<time> stdout F <text>"; the version is the whole line.
  const std::string line = StrCat(" stdout F ", version, "\n");
  CHECK(Eventually([&] { return absl::StrContains(ContainerLog(*cluster, *done, "main"), line); },
                   absl::Seconds(10)));
  CHECK_THAT(ContainerLog(*cluster, *done, "main"), Catch::Contains(line));
}

}  // namespace
}  // namespace kube::testing
