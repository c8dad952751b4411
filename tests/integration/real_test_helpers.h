#pragma once

// Helpers shared by the [real] tests, which run pods on real containerd through a
// RealCluster (tests/support/real_cluster.h).

#include <memory>
#include <string>

#include <catch2/catch.hpp>

#include "common/util/strings.h"
#include "k8s/core/v1/core.pb.h"
#include "tests/support/real_cluster.h"

namespace kube::testing {

// Starts a cluster; fails the test (with cluster-up's output) if it cannot.
inline std::unique_ptr<RealCluster> StartRealCluster(const RealClusterOptions& options = {}) {
  absl::StatusOr<std::unique_ptr<RealCluster>> cluster = RealCluster::Start(options);
  INFO((cluster.ok() ? "" : std::string(cluster.status().message())));
  REQUIRE(cluster.ok());
  return std::move(*cluster);
}

// The container's CRI log file, as the kubelet lays it out under its root dir.
inline std::string ContainerLog(const RealCluster& cluster, const k8s::core::v1::Pod& pod,
                                const std::string& container, int restart = 0) {
  return ReadFile(StrCat(cluster.data_dir(), "/kubelet/pods/", pod.metadata().uid(), "/",
                         container, "/", restart, ".log"));
}

// Runs kubectl against the cluster; fails the test (with its output) unless it succeeds.
inline void MustKubectl(const RealCluster& cluster, const std::vector<std::string>& args,
                        const std::string& input = "") {
  CommandResult result = cluster.Kubectl(args, input);
  INFO("kubectl " << StrJoin(args, " ") << "\n" << result.out << result.err);
  REQUIRE(result.exit_code == 0);
}

// Whether the pod has finished for good (Succeeded or Failed).
inline bool Terminal(const k8s::core::v1::Pod& pod) {
  return pod.status().phase() == "Succeeded" || pod.status().phase() == "Failed";
}

}  // namespace kube::testing
