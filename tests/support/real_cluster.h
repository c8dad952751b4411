#pragma once

// A one-node cluster on real containerd for integration tests (root only): a
// network namespace of the test's own, deploy/cluster-up.sh --netns starting
// kube-apiserver, kube-scheduler, containerd, a loopback registry and the kubelet
// inside it, and deploy/cluster-down.sh plus a check that nothing is left.
//
// The calling thread enters the namespace (setns) for the cluster's lifetime, so
// the test's API client, kubectl and every process it starts reach the cluster on
// the namespace's loopback, and no packet leaves the namespace. Threads started
// earlier stay where they were, so: one RealCluster at a time, clients made after
// it (and on the same thread), REST rather than gRPC (whose connections are made on
// gRPC's own threads). The destructor returns the thread to its old namespace.

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/client/client.h"
#include "common/util/strings.h"
#include "k8s/core/v1/core.pb.h"
#include "tests/support/subprocess.h"

namespace kube::testing {

// Why a real-container test cannot run here ("" when it can): not root, or
// containerd, runc, CNI plugins, nsenter, iproute2, busybox-static or the
// registry tools missing (deploy/install-deps.sh installs them).
std::string MissingRealClusterPrerequisites();

struct RealClusterOptions {
  std::string pod_cidr = "10.88.0.0/24";
  std::string node_name = "real-node";
  // > 0: cluster-up --nodes N: nodes node-1..node-N, each in a namespace of its own
  // (netns()-n<k>, address NodeIp(k)); pod_cidr and node_name are then unused.
  int nodes = 0;
  absl::Duration start_timeout = absl::Seconds(120);
};

class RealCluster {
 public:
  // Creates the namespace and runs cluster-up.sh with the build's binaries. On
  // failure everything made so far is removed and the error carries the logs.
  static absl::StatusOr<std::unique_ptr<RealCluster>> Start(RealClusterOptions options = {});
  // Runs Down() unless a test did, then leaves the namespace.
  ~RealCluster();
  RealCluster(const RealCluster&) = delete;
  RealCluster& operator=(const RealCluster&) = delete;

  // REST client of the cluster's apiserver (in the namespace).
  const client::Client& client() const { return *client_; }
  // `kubectl <args>` against the cluster, in the namespace.
  CommandResult Kubectl(const std::vector<std::string>& args, const std::string& input = "",
                        absl::Duration timeout = absl::Seconds(60)) const;
  // Runs argv in the namespace (the calling thread is already in it).
  CommandResult Run(const std::vector<std::string>& argv,
                    absl::Duration timeout = absl::Seconds(60)) const;

  // cluster-up.sh again: starts what is not running (after KillKubelet).
  absl::Status Up();
  // cluster-up.sh again with --nodes `nodes` (more than the cluster has): the new
  // nodes join the running cluster, each from a network namespace of its own.
  absl::Status AddNodes(int nodes);
  // SIGKILLs the kubelet (its containers keep running); of node k with --nodes.
  void KillKubelet(int node = 0);
  pid_t KubeletPid(int node = 0) const;
  // SIGKILLs kube-proxy (its rules stay); of node k with --nodes.
  void KillKubeProxy(int node = 0);
  pid_t KubeProxyPid(int node = 0) const;
  // With --nodes: node k's namespace, its address, and argv run in it.
  std::string NodeNetns(int node) const { return StrCat(netns_, "-n", node); }
  static std::string NodeIp(int node) { return StrCat("172.30.0.", 10 + node); }
  CommandResult RunOnNode(int node, const std::vector<std::string>& argv,
                          absl::Duration timeout = absl::Seconds(60)) const;
  // cluster-down.sh; its output for the test to look at.
  CommandResult Down();
  // What cluster-down should have removed and has not ("" when nothing is left):
  // processes using the data dir or the namespace, mounts under the data dir, the
  // namespace, the node's cgroups.
  std::string Leftovers() const;

  const std::string& data_dir() const { return data_dir_; }
  // Where every cluster of the test run finds the offline images (busybox.tar,
  // pause.tar, python.tar): built once under the build tree, and again only when
  // deploy/images/ changes.
  static std::string ImagesDir();
  const std::string& netns() const { return netns_; }
  const std::string& node_name() const { return options_.node_name; }
  // CRI endpoint, "unix://<data dir>/containerd/containerd.sock".
  std::string cri_endpoint() const;
  // The cgroup under which the kubelet puts pods (--cgroup-root), "/kube-<id>".
  std::string cgroup_root() const;
  // The loopback registry cluster-up runs, "127.0.0.1:5000".
  std::string registry() const { return "127.0.0.1:5000"; }
  std::string KubeletLog() const;
  // Tail of every daemon log, for failure messages.
  std::string LogTails(size_t bytes_each = 3000) const;

  // The pod, or nullptr when it does not exist.
  std::unique_ptr<k8s::core::v1::Pod> GetPod(const std::string& name,
                                             const std::string& ns = "default") const;
  // Polls (every 200 ms, up to `timeout`) until the pod satisfies `done`; nullptr
  // on timeout, with the last status and the kubelet's log tail on stderr.
  std::unique_ptr<k8s::core::v1::Pod> WaitForPod(
      const std::string& name, const std::function<bool(const k8s::core::v1::Pod&)>& done,
      absl::Duration timeout = absl::Seconds(60), const std::string& ns = "default") const;

 private:
  explicit RealCluster(RealClusterOptions options);
  absl::Status Launch();
  // Where node k's pid files are ("" or 0: the one node's, in the data dir).
  std::string NodeDir(int node) const;
  void KillPidFile(const std::string& pid_file);

  RealClusterOptions options_;  // AddNodes raises .nodes
  // Removed (recursively) by the destructor, unless something is still mounted in
  // it: then it is left, so that no removal reaches through a mount.
  std::unique_ptr<TempDir> dir_ = std::make_unique<TempDir>();
  std::string data_dir_;   // dir_/data
  std::string netns_;      // kube-real-<pid>-<n>
  std::string kubectl_home_;
  bool netns_created_ = false;  // by Launch; only then is there anything to undo
  int original_netns_fd_ = -1;  // the calling thread's namespace before setns
  ino_t netns_inode_ = 0;       // to find processes still in the namespace
  bool down_ = false;
  std::unique_ptr<client::Client> client_;
};

// A pod with one busybox container running `script` under sh -c.
k8s::core::v1::Pod BusyboxPod(const std::string& name, const std::string& script,
                              const std::string& restart_policy = "Always");

inline bool PodRunning(const k8s::core::v1::Pod& pod) { return pod.status().phase() == "Running"; }
bool PodReadyCondition(const k8s::core::v1::Pod& pod);
// The status of container `name` (nullptr if not reported).
const k8s::core::v1::ContainerStatus* ContainerStatusOf(const k8s::core::v1::Pod& pod,
                                                        const std::string& name);

}  // namespace kube::testing

// Real-container tests need root and the runtime; elsewhere they say why and stop.
#define REQUIRE_REAL_CLUSTER_PREREQUISITES()                                         \
  do {                                                                                \
    std::string missing = ::kube::testing::MissingRealClusterPrerequisites();        \
    if (!missing.empty()) {                                                           \
      WARN("SKIPPED: needs a real container runtime: " << missing);                   \
      return;                                                                         \
    }                                                                                 \
  } while (0)
