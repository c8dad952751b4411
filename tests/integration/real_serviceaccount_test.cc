// ServiceAccounts end to end on real containers (issue 14): a pod of the
// python-kubernetes image (the official Python client, built offline from Debian's
// packages) finds the API the way in-cluster clients do (the kubernetes Service,
// the mounted token and CA) and may list pods only once its account is bound to
// view; automountServiceAccountToken: false leaves no token; a pod-bound token
// dies with its pod. The cluster is cluster-up's: TLS, RBAC, the controller-manager
// aggregating view and publishing kube-root-ca.crt.

#include <catch2/catch.hpp>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/util/strings.h"
#include "tests/integration/real_test_helpers.h"
#include "tests/support/eventually.h"

namespace kube::testing {
namespace {

constexpr char kNamespace[] = "t";

// A pod of `image` running `argv` once, as ServiceAccount bob. Each argument is a
// YAML literal block, so scripts keep their lines.
std::string OneShotPod(const std::string& name, const std::string& image,
                       const std::vector<std::string>& argv, const std::string& extra_spec = "") {
  std::string command;
  for (const std::string& arg : argv) {
    StrAppend(&command, "    - |-\n");
    for (absl::string_view line : absl::StrSplit(arg, '\n')) {
      StrAppend(&command, "      ", std::string(line), "\n");
    }
  }
  return StrCat("apiVersion: v1\nkind: Pod\nmetadata: {name: ", name, ", namespace: ", kNamespace,
                "}\nspec:\n  serviceAccountName: bob\n  restartPolicy: Never\n", extra_spec,
                "  containers:\n  - name: main\n    image: ", image, "\n    command:\n", command);
}

// Runs the pod to its end and returns its log.
std::string RunToEnd(const RealCluster& cluster, const std::string& name,
                     const std::string& manifest) {
  MustKubectl(cluster, {"create", "-f", "-"}, manifest);
  std::unique_ptr<k8s::core::v1::Pod> pod =
      cluster.WaitForPod(name, Terminal, absl::Seconds(120), kNamespace);
  REQUIRE(pod != nullptr);
  return cluster.Kubectl({"logs", name, "-n", kNamespace}).out;
}

TEST_CASE("a pod's ServiceAccount reaches the API in-cluster, as RBAC allows", "[real]") {
  REQUIRE_REAL_CLUSTER_PREREQUISITES();
  std::unique_ptr<RealCluster> cluster = StartRealCluster();
  MustKubectl(*cluster, {"create", "namespace", kNamespace});
  MustKubectl(*cluster, {"create", "serviceaccount", "bob", "-n", kNamespace});
  // The namespace's root CA ConfigMap and aggregated view come from the
  // controller-manager.
  REQUIRE(Eventually(
      [&] {
        return cluster->Kubectl({"get", "configmap", "kube-root-ca.crt", "-n", kNamespace})
                   .exit_code == 0;
      },
      absl::Seconds(60)));

  const std::vector<std::string> list_pods = {
      "python3", "-c",
      "from kubernetes import client, config\n"
      "config.load_incluster_config()\n"
      "try:\n"
      "    print('LISTED', len(client.CoreV1Api().list_namespaced_pod('t').items))\n"
      "except client.exceptions.ApiException as e:\n"
      "    print('STATUS', e.status)"};
  std::string before = RunToEnd(*cluster, "before",
                                OneShotPod("before", "python-kubernetes", list_pods));
  INFO(before);
  CHECK(absl::StrContains(before, "STATUS 403"));

  MustKubectl(*cluster, {"create", "rolebinding", "bob-view", "--clusterrole=view",
                         "--serviceaccount=t:bob", "-n", kNamespace});
  REQUIRE(Eventually([&] {
    return cluster->Kubectl({"auth", "can-i", "list", "pods", "-n", kNamespace, "--as",
                             "system:serviceaccount:t:bob"})
               .exit_code == 0;
  }));
  std::string after = RunToEnd(*cluster, "after",
                               OneShotPod("after", "python-kubernetes", list_pods));
  INFO(after);
  CHECK(absl::StrContains(after, "LISTED"));

  // No token without automount.
  std::string opted_out = RunToEnd(
      *cluster, "no-token",
      OneShotPod("no-token", "busybox",
                 {"sh", "-c",
                  "ls /var/run/secrets/kubernetes.io/serviceaccount/token && echo FOUND || echo "
                  "ABSENT"},
                 "  automountServiceAccountToken: false\n"));
  CHECK(absl::StrContains(opted_out, "ABSENT"));

  // The mounted token is bound to its pod: valid while the pod lives, not after.
  MustKubectl(*cluster, {"create", "-f", "-"},
              OneShotPod("holder", "busybox",
                         {"sh", "-c",
                          "cat /var/run/secrets/kubernetes.io/serviceaccount/token; echo; "
                          "sleep 3600"}));
  REQUIRE(cluster->WaitForPod("holder", PodRunning, absl::Seconds(60), kNamespace) != nullptr);
  std::string token;
  REQUIRE(Eventually([&] {
    token = std::string(absl::StripAsciiWhitespace(
        cluster->Kubectl({"logs", "holder", "-n", kNamespace}).out));
    return token.size() > 100;
  }));
  auto review = [&] {
    CommandResult result = cluster->Kubectl(
        {"create", "--validate=false", "-f", "-", "-o",
         "jsonpath={.status.authenticated}/{.status.error}"},
        StrCat("apiVersion: authentication.k8s.io/v1\nkind: TokenReview\nspec: {token: ", token,
               "}\n"));
    INFO(result.out << result.err);
    REQUIRE(result.exit_code == 0);
    return result.out;
  };
  CHECK(review() == "true/");
  MustKubectl(*cluster, {"delete", "pod", "holder", "-n", kNamespace, "--grace-period=1"});
  CHECK(Eventually([&] {
    return absl::StrContains(review(), "service account token has been invalidated");
  }));
}

}  // namespace
}  // namespace kube::testing
