// The CRI floor: how long a pod's first container takes to run through containerd
// (RunPodSandbox + CreateContainer + StartContainer), median of 10. Hidden: run it
// with `kube_runtime_remote_test "[.bench]"` (root, real containerd).
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <iostream>
#include <vector>

#include "common/util/strings.h"
#include "kubelet/runtime/remote/remote_runtime.h"
#include "kubelet/runtime/remote/testing/cri_test_util.h"

namespace kube::kubelet {
namespace {

using testing::Connect;
using testing::ContainerdNode;
using testing::Eventually;
using testing::PodConfig;
using testing::ShellContainer;
using testing::StartNodeOrSkip;

double MedianMs(std::vector<absl::Duration> samples) {
  std::sort(samples.begin(), samples.end());
  return absl::ToDoubleMilliseconds(samples[samples.size() / 2]);
}

TEST_CASE("remote runtime: CRI floor, sandbox + create + start", "[.bench][cri][containerd]") {
  std::unique_ptr<ContainerdNode> node = StartNodeOrSkip();
  if (node == nullptr) return;
  std::unique_ptr<Runtime> runtime = Connect(*node);
  REQUIRE(Eventually([&] { return runtime->Ready().ok(); }, absl::Seconds(10)));

  constexpr int kRounds = 10;
  std::vector<absl::Duration> sandbox_times, create_times, start_times, totals;
  for (int round = 0; round < kRounds; ++round) {
    PodSandboxConfig pod = PodConfig(*node, StrCat("bench-", round));
    std::filesystem::create_directories(pod.log_directory);
    absl::Time t0 = absl::Now();
    absl::StatusOr<std::string> sandbox = runtime->RunPodSandbox(pod);
    REQUIRE(sandbox.ok());
    absl::Time t1 = absl::Now();
    absl::StatusOr<std::string> container =
        runtime->CreateContainer(*sandbox, ShellContainer("sleeper", "exec sleep 3600"), pod);
    REQUIRE(container.ok());
    absl::Time t2 = absl::Now();
    REQUIRE(runtime->StartContainer(*container).ok());
    absl::Time t3 = absl::Now();
    sandbox_times.push_back(t1 - t0);
    create_times.push_back(t2 - t1);
    start_times.push_back(t3 - t2);
    totals.push_back(t3 - t0);
    REQUIRE(runtime->StopPodSandbox(*sandbox).ok());
    REQUIRE(runtime->RemovePodSandbox(*sandbox).ok());
  }
  std::cout << "CRI floor (containerd + runc, median of " << kRounds
            << "): RunPodSandbox + CreateContainer + StartContainer = " << MedianMs(totals)
            << " ms (RunPodSandbox " << MedianMs(sandbox_times) << " ms, CreateContainer "
            << MedianMs(create_times) << " ms, StartContainer " << MedianMs(start_times)
            << " ms)\n";
}

}  // namespace
}  // namespace kube::kubelet
