// The image pull path against a real containerd (root only; SKIPPED with a warning
// otherwise): skopeo pushes the busybox archive to Debian's docker-registry on
// 127.0.0.1 inside the node's network namespace, and PullImage fetches it over
// plain HTTP.
#include <catch2/catch.hpp>
#include <filesystem>

#include "absl/strings/match.h"
#include "common/util/strings.h"
#include "kubelet/runtime/remote/remote_runtime.h"
#include "kubelet/runtime/remote/testing/cri_test_util.h"
#include "tests/support/subprocess.h"

namespace kube::kubelet {
namespace {

using testing::Connect;
using testing::ContainerdNode;
using testing::PodConfig;
using testing::ShellContainer;
using testing::StartNodeOrSkip;
using testing::WaitUntilExited;

TEST_CASE("remote runtime: pull from a registry, run, remove", "[cri][containerd]") {
  std::unique_ptr<ContainerdNode> node = StartNodeOrSkip({.with_registry = true});
  if (node == nullptr) return;
  std::unique_ptr<Runtime> runtime = Connect(*node);
  REQUIRE(node->PushToRegistry(StrCat(ContainerdNode::ImagesDir(), "/busybox.tar"),
                               "docker.io/library/busybox:latest", "kube-test/busybox:pulled")
              .ok());

  const std::string image = StrCat(node->registry(), "/kube-test/busybox:pulled");
  CHECK(runtime->GetImageStatus(image).status().code() == absl::StatusCode::kNotFound);
  absl::StatusOr<std::string> ref = runtime->PullImage(image);
  REQUIRE(ref.ok());
  CHECK(absl::StartsWith(*ref, "sha256:"));
  absl::StatusOr<ImageInfo> info = runtime->GetImageStatus(image);
  REQUIRE(info.ok());
  CHECK(info->id == *ref);
  CHECK_THAT(StrJoin(info->repo_tags, ","), Catch::Contains(image));

  absl::StatusOr<std::string> missing =
      runtime->PullImage(StrCat(node->registry(), "/kube-test/absent:1"));
  CHECK(!missing.ok());
  CHECK(missing.status().code() == absl::StatusCode::kNotFound);

  // The pulled image runs, referenced by the ref PullImage returned.
  PodSandboxConfig pod = PodConfig(*node, "pulled");
  std::filesystem::create_directories(pod.log_directory);
  absl::StatusOr<std::string> sandbox = runtime->RunPodSandbox(pod);
  REQUIRE(sandbox.ok());
  ContainerConfig echo = ShellContainer("echo", "echo from-the-registry");
  echo.image = *ref;
  absl::StatusOr<std::string> echo_id = runtime->CreateContainer(*sandbox, echo, pod);
  REQUIRE(echo_id.ok());
  REQUIRE(runtime->StartContainer(*echo_id).ok());
  absl::StatusOr<ContainerStatus> status = WaitUntilExited(*runtime, *echo_id, absl::Seconds(20));
  REQUIRE(status.ok());
  CHECK(status->exit_code == 0);
  // containerd 1.6 reports the repo digest here (PullImage gave the image id).
  CHECK_THAT(status->image_ref, Catch::Contains("kube-test/busybox@sha256:"));
  CHECK_THAT(kube::testing::ReadFile(status->log_path), Catch::Contains("from-the-registry"));
  REQUIRE(runtime->StopPodSandbox(*sandbox).ok());
  REQUIRE(runtime->RemovePodSandbox(*sandbox).ok());

  // CRI removes the image under every name it has (here also busybox:latest).
  REQUIRE(runtime->RemoveImage(image).ok());
  CHECK(runtime->GetImageStatus(image).status().code() == absl::StatusCode::kNotFound);
  CHECK(runtime->RemoveImage(image).ok());  // idempotent
}

}  // namespace
}  // namespace kube::kubelet
