// Connecting, Version, Status and the local images, against a real containerd (root
// only; SKIPPED with a warning otherwise). Each test case starts its own node: a
// network namespace, containerd with deploy/'s config, the images from deploy/images.
#include "kubelet/runtime/remote/remote_runtime.h"

#include <algorithm>
#include <catch2/catch.hpp>

#include "absl/strings/match.h"
#include "common/util/strings.h"
#include "kubelet/runtime/remote/testing/cri_test_util.h"

namespace kube::kubelet {
namespace {

using testing::ContainerdNode;
using testing::Connect;
using testing::Eventually;
using testing::StartNodeOrSkip;

TEST_CASE("remote runtime: an endpoint nobody serves is Unavailable", "[cri]") {
  absl::Time start = absl::Now();
  absl::StatusOr<std::unique_ptr<Runtime>> runtime =
      NewRemoteRuntime("unix:///nonexistent/kube-cri-test.sock", absl::Milliseconds(300));
  CHECK(runtime.status().code() == absl::StatusCode::kUnavailable);
  CHECK(absl::Now() - start < absl::Seconds(5));
  CHECK(NewRemoteRuntime("", absl::Seconds(1)).status().code() ==
        absl::StatusCode::kInvalidArgument);
}

TEST_CASE("remote runtime: version, readiness and local images", "[cri][containerd]") {
  std::unique_ptr<ContainerdNode> node = StartNodeOrSkip();
  if (node == nullptr) return;
  std::unique_ptr<Runtime> runtime = Connect(*node);

  absl::StatusOr<RuntimeVersion> version = runtime->Version();
  REQUIRE(version.ok());
  CHECK(version->runtime_name == "containerd");
  CHECK(!version->runtime_version.empty());
  CHECK(version->runtime_api_version == "v1");
  CHECK(Eventually([&] { return runtime->Ready().ok(); }, absl::Seconds(10)));

  absl::StatusOr<ImageInfo> busybox = runtime->GetImageStatus("busybox");
  REQUIRE(busybox.ok());
  CHECK(absl::StartsWith(busybox->id, "sha256:"));
  CHECK(busybox->size_bytes > 0);
  CHECK_THAT(StrJoin(busybox->repo_tags, ","),
             Catch::Contains("docker.io/library/busybox:latest") &&
                 Catch::Contains("docker.io/library/busybox:1.35"));
  CHECK(runtime->GetImageStatus("registry.k8s.io/pause:3.9").ok());
  CHECK(runtime->GetImageStatus("localhost/kube-pause:3.9").ok());
  CHECK(runtime->GetImageStatus("example.invalid/absent:1").status().code() ==
        absl::StatusCode::kNotFound);

  absl::StatusOr<std::vector<ImageInfo>> images = runtime->ListImages();
  REQUIRE(images.ok());
  CHECK(std::any_of(images->begin(), images->end(), [](const ImageInfo& image) {
    return std::find(image.repo_tags.begin(), image.repo_tags.end(),
                     "localhost/kube-pause:3.9") != image.repo_tags.end();
  }));
}

}  // namespace
}  // namespace kube::kubelet
