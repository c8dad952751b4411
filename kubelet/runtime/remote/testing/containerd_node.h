#pragma once

// Test-only: one private containerd node, as deploy/ sets one up, for tests that
// need a real CRI runtime. Everything it makes is its own: a network namespace
// (kube-cri-test-<pid>-<n>), a short directory under /tmp holding containerd's
// root, state, socket, runc root and CNI config, and a cgroup parent for pods. All
// traffic stays inside the namespace. The destructor tears it all down, also after
// a failed test.

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "tests/support/subprocess.h"

namespace kube::kubelet::testing {

// Why a real-containerd test cannot run on this machine ("" when it can): not
// root, or containerd, runc, the CNI plugins, busybox-static, gcc or iproute2
// missing. deploy/install-deps.sh installs what is missing.
std::string MissingNodePrerequisites();
// The same for the loopback registry (docker-registry, skopeo, curl).
std::string MissingRegistryPrerequisites();

struct ContainerdNodeOptions {
  std::string pod_cidr = "10.88.0.0/24";
  // Also start Debian's docker-registry on 127.0.0.1:5000 inside the namespace;
  // containerd pulls from it over plain HTTP.
  bool with_registry = false;
};

class ContainerdNode {
 public:
  // Creates the namespace, renders the config, starts containerd in the namespace
  // (nsenter --net, not `ip netns exec`: runc needs the host's cgroup mounts),
  // builds the images once per process and imports them. FailedPrecondition with
  // the reason when a prerequisite is missing.
  static absl::StatusOr<std::unique_ptr<ContainerdNode>> Start(
      const ContainerdNodeOptions& options = {});
  ~ContainerdNode();
  ContainerdNode(const ContainerdNode&) = delete;
  ContainerdNode& operator=(const ContainerdNode&) = delete;

  // The CRI endpoint, "unix://DIR/containerd.sock".
  std::string endpoint() const { return "unix://" + dir_ + "/containerd.sock"; }
  const std::string& dir() const { return dir_; }
  const std::string& netns() const { return netns_; }
  // Where the fixture's pods put their cgroups; removed by the destructor.
  const std::string& cgroup_parent() const { return cgroup_parent_; }
  // The registry's address inside the namespace ("127.0.0.1:5000"), if started.
  const std::string& registry() const { return registry_; }
  // The directory holding busybox.tar and pause.tar (build-images.sh output).
  static const std::string& ImagesDir();

  // Runs argv inside the node's network namespace.
  kube::testing::CommandResult RunInNetns(const std::vector<std::string>& argv,
                                          absl::Duration timeout = absl::Seconds(60)) const;
  // Copies `archive`'s image named `source_ref` into the registry as `target`
  // ("kube-test/busybox:pulled"), with skopeo inside the namespace.
  absl::Status PushToRegistry(const std::string& archive, const std::string& source_ref,
                              const std::string& target) const;

 private:
  ContainerdNode() = default;
  absl::Status Launch(const ContainerdNodeOptions& options);
  absl::Status StartRegistry();
  void TearDown();

  std::string netns_;          // created by Launch; deleted by TearDown
  bool netns_created_ = false;
  std::string dir_;            // mkdtemp'd; removed by TearDown once unmounted
  std::string cgroup_parent_;  // "/kube-cri-test-<pid>-<n>"
  std::string registry_;
  std::unique_ptr<kube::testing::Subprocess> registry_process_;
};

}  // namespace kube::kubelet::testing
