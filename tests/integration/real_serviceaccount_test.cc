// ServiceAccounts end to end on real containers (issue 14): a pod of the
// python-kubernetes image (the official Python client, built offline from Debian's
// packages) finds the API the way in-cluster clients do (the kubernetes Service,
// the mounted token and CA) and may list pods only once its account is bound to
// view; automountServiceAccountToken: false leaves no token; a pod-bound token
// dies with its pod. The cluster is cluster-up's: TLS, RBAC, the controller-manager
// aggregating view and publishing kube-root-ca.crt.

#include <catch2/catch.hpp>
#include <filesystem>

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

// What cluster-up leaves a user, as issue 14 asks: the API only over TLS, anonymous
// callers reaching health and version but not the API, a junk token refused, the
// kubelet's port closed to strangers and open to the apiserver's certificate, the
// admin in system:masters, and keys and kubeconfigs readable by their owner only.
TEST_CASE("cluster-up's cluster is TLS-only with 0600 credentials", "[real]") {
  REQUIRE_REAL_CLUSTER_PREREQUISITES();
  std::unique_ptr<RealCluster> cluster = StartRealCluster();
  CommandResult whoami = cluster->Kubectl({"auth", "whoami"});
  INFO(whoami.out << whoami.err);
  CHECK(whoami.exit_code == 0);
  CHECK(absl::StrContains(whoami.out, "system:masters"));

  const std::string pki = cluster->data_dir() + "/pki";
  // The HTTP status curl gets in the cluster's namespace ("000" when no HTTP answer).
  auto status = [&](const std::string& url, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> argv = {"nsenter", StrCat("--net=/run/netns/", cluster->netns()),
                                     "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                                     "--max-time", "10", "--cacert", pki + "/ca.crt"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    argv.push_back(url);
    return cluster->Run(argv).out;
  };
  CHECK(status("https://127.0.0.1:6443/version") == "200");
  CHECK(status("https://127.0.0.1:6443/api") == "403");
  CHECK(status("https://127.0.0.1:6443/api", {"-H", "Authorization: Bearer junk"}) == "401");
  CHECK(status("http://127.0.0.1:6443/version") != "200");
  // The kubelet's API: its certificate is the CA's, for the node's address.
  CommandResult node_ip = cluster->Kubectl(
      {"get", "nodes", "-o", R"(jsonpath={.items[0].status.addresses[?(@.type=="InternalIP")].address})"});
  REQUIRE(node_ip.exit_code == 0);
  REQUIRE_FALSE(node_ip.out.empty());
  const std::string kubelet = StrCat("https://", node_ip.out, ":10250/pods");
  CHECK(status(kubelet) == "401");
  CHECK(status(kubelet, {"--cert", pki + "/apiserver-kubelet-client.crt", "--key",
                         pki + "/apiserver-kubelet-client.key"}) == "200");
  // A user the CA knows but RBAC gives nothing on nodes/proxy.
  CommandResult issued = cluster->Run({BinDir() + "/kube-pki", "issue", "--dir", pki, "--name",
                                       "stranger", "--cn", "stranger", "--client"});
  REQUIRE(issued.exit_code == 0);
  CHECK(status(kubelet, {"--cert", pki + "/stranger.crt", "--key", pki + "/stranger.key"}) ==
        "403");

  // What a joining machine uses: the token and the CA's pin, checked before trust.
  const std::string token = ReadFile(cluster->data_dir() + "/join-token");
  REQUIRE(token.size() == 24);  // "<6>.<16>\n"
  CommandResult pin = cluster->Run({BinDir() + "/kube-pki", "ca-hash", "--dir", pki});
  REQUIRE(pin.exit_code == 0);
  auto discover = [&](const std::string& hash) {
    return cluster->Run({"nsenter", StrCat("--net=/run/netns/", cluster->netns()),
                         BinDir() + "/kube-pki", "discover", "--server",
                         "https://127.0.0.1:6443", "--token", token.substr(0, 23),
                         "--discovery-token-ca-cert-hash", hash, "--out",
                         cluster->data_dir() + "/joiner-bootstrap.kubeconfig"});
  };
  CommandResult wrong = discover("sha256:" + std::string(64, 'f'));
  CHECK(wrong.exit_code == 1);
  CHECK(absl::StrContains(wrong.err, "refusing to trust"));
  CommandResult discovered = discover(pin.out.substr(0, pin.out.find('\n')));
  INFO(discovered.out << discovered.err);
  CHECK(discovered.exit_code == 0);

  // The CIS benchmark's automated checks, on the daemons' command lines and files.
  CommandResult cis = cluster->Run(
      {SourceDir() + "/tests/cis/cis_check.sh", "--processes", cluster->data_dir()});
  INFO(cis.out << cis.err);
  CHECK(cis.exit_code == 0);
  CHECK(absl::StrContains(cis.out, "PASS 1.2.7"));
  CHECK(absl::StrContains(cis.out, "PASS 4.2.4"));

  std::vector<std::string> secrets = {cluster->data_dir() + "/admin.kubeconfig"};
  for (const auto& entry : std::filesystem::directory_iterator(pki)) {
    if (entry.path().extension() == ".key") secrets.push_back(entry.path().string());
  }
  REQUIRE(secrets.size() > 5);
  for (const std::string& path : secrets) {
    INFO(path);
    CHECK((std::filesystem::status(path).permissions() & std::filesystem::perms::all) ==
          (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
  }
}

}  // namespace
}  // namespace kube::testing
