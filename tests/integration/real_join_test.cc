// A machine joins a running cluster (issue 15): cluster-up run again with one more
// node brings it up in a fresh network namespace, where it knows only the API's
// URL, the join token and the CA's pin; its kubelet's client certificate comes from
// TLS bootstrapping, its serving certificate and kube-proxy's from the cluster CA
// (approved by cluster-up as the administrator), so the apiserver reaches it (logs)
// verifying it against the CA.

#include <catch2/catch.hpp>

#include "absl/strings/match.h"
#include "tests/integration/real_test_helpers.h"
#include "tests/support/eventually.h"

namespace kube::testing {
namespace {

TEST_CASE("a machine joins a running cluster with only the URL, a token and the CA's pin",
          "[real]") {
  REQUIRE_REAL_CLUSTER_PREREQUISITES();
  RealClusterOptions options;
  options.nodes = 1;
  std::unique_ptr<RealCluster> cluster = StartRealCluster(options);

  absl::Status joined = cluster->AddNodes(2);
  INFO(joined.message());
  REQUIRE(joined.ok());  // cluster-up returns once every node is Ready
  CommandResult nodes = cluster->Kubectl({"get", "nodes", "-o", "name"});
  CHECK(absl::StrContains(nodes.out, "node/node-2"));

  // Its requests: a client certificate asked for by the bootstrap token and
  // auto-approved, and a serving certificate asked for by the node itself.
  CommandResult requests = cluster->Kubectl(
      {"get", "csr", "-o",
       R"(jsonpath={range .items[*]}{.spec.signerName} {.spec.username} {.status.conditions[0].reason}{"\n"}{end})"});
  INFO(requests.out);
  CHECK(absl::StrContains(requests.out,
                          "kubernetes.io/kube-apiserver-client-kubelet system:bootstrap:"));
  CHECK(absl::StrContains(requests.out, "kubernetes.io/kubelet-serving system:node:node-2 "
                                        "ClusterUp"));
  // kube-proxy's own identity, asked for with the token and approved by cluster-up.
  CHECK(absl::StrContains(requests.out, "kubernetes.io/kube-apiserver-client system:bootstrap:"));
  CHECK(absl::StrContains(ReadFile(cluster->data_dir() + "/nodes/node-2/kube-proxy.kubeconfig"),
                          "client-certificate-data"));
  // Its kubeconfig is its own identity, not a copied file.
  const std::string kubeconfig = cluster->data_dir() + "/nodes/node-2/kubelet.kubeconfig";
  CHECK(absl::StrContains(ReadFile(kubeconfig), "client-certificate-data"));

  // A pod there runs, and its log comes through the node's CA-verified port.
  MustKubectl(*cluster, {"run", "on-node-2", "--image=busybox", "--restart=Never",
                         "--overrides={\"spec\":{\"nodeName\":\"node-2\"}}", "--",
                         "sh", "-c", "echo joined; sleep 3600"});
  REQUIRE(cluster->WaitForPod("on-node-2", PodRunning, absl::Seconds(90)) != nullptr);
  CommandResult logs;
  const bool printed = Eventually([&] {
    logs = cluster->Kubectl({"logs", "on-node-2"});
    return absl::StrContains(logs.out, "joined");
  });
  INFO(logs.out << logs.err);
  CHECK(printed);
}

}  // namespace
}  // namespace kube::testing
