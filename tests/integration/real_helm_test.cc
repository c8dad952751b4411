// Helm on a real cluster (root only): the chart `helm create` writes, with its
// Ingress and its autoscaling/v2 HorizontalPodAutoscaler switched on, installed with
// --wait by Helm 3 and by Helm 4 (server-side apply, WatchList waits), its test hook
// run with `helm test`, then upgraded, rolled back and uninstalled, leaving nothing
// behind. The scaffold runs nginx; here its container is the offline busybox image
// serving the same port with busybox httpd (the one edit to the generated chart).

#include <catch2/catch.hpp>
#include <fstream>

#include "absl/strings/match.h"
#include "absl/strings/str_replace.h"
#include "tests/integration/real_test_helpers.h"
#include "tests/support/eventually.h"
#include "tests/support/fetched_clients.h"

namespace kube::testing {
namespace {

// `helm create scaffold` in `dir`, with the container's command set to a web server
// the busybox image has. Returns the chart's path.
std::string CreateScaffold(const std::string& helm, const std::string& dir) {
  CommandResult created = RunCommand({helm, "create", dir + "/scaffold"}, "", absl::Minutes(1),
                                     {"HOME=" + dir});
  INFO(created.out << created.err);
  REQUIRE(created.exit_code == 0);
  const std::string deployment = dir + "/scaffold/templates/deployment.yaml";
  std::string text = ReadFile(deployment);
  const std::string anchor = "          imagePullPolicy: {{ .Values.image.pullPolicy }}\n";
  REQUIRE(text.find(anchor) != std::string::npos);
  text = absl::StrReplaceAll(
      text, {{anchor, anchor + "          command: [\"sh\", \"-c\", \"mkdir -p /www && echo ok > "
                               "/www/index.html && exec httpd -f -p 80 -h /www\"]\n"}});
  std::ofstream(deployment) << text;
  return dir + "/scaffold";
}

TEST_CASE("helm create's chart with ingress and autoscaling on a real cluster, by Helm 3 and 4",
          "[real][helm]") {
  REQUIRE_REAL_CLUSTER_PREREQUISITES();
  // Fetched before the cluster's namespace is entered: the registry is outside it.
  std::vector<std::pair<std::string, std::string>> helms;  // (name, binary)
  for (const char* name : {"helm3", "helm4"}) {
    std::string why;
    std::string binary = FetchedClient(name, &why);
    if (binary.empty()) {
      WARN("SKIPPED " << name << ": " << why);
      continue;
    }
    helms.emplace_back(name, binary);
  }
  if (helms.empty()) return;
  TempDir work;
  const std::string chart = CreateScaffold(helms.front().second, work.path());
  auto cluster = StartRealCluster();
  const std::string kubeconfig = cluster->data_dir() + "/admin.kubeconfig";

  for (const auto& [name, binary] : helms) {
    INFO(name);
    const std::string ns = "chart-" + name;
    auto helm = [&, binary = binary](std::vector<std::string> args) {
      std::vector<std::string> argv = {binary, "--kubeconfig", kubeconfig, "--namespace", ns};
      argv.insert(argv.end(), args.begin(), args.end());
      CommandResult result = RunCommand(argv, "", absl::Minutes(5), {"HOME=" + work.path()});
      INFO("helm " << StrJoin(args, " ") << "\n" << result.out << result.err);
      CHECK(result.exit_code == 0);
      return result;
    };
    const std::vector<std::string> values = {"--set", "image.repository=busybox", "--set",
                                             "image.tag=1.35", "--set", "ingress.enabled=true",
                                             "--set", "autoscaling.enabled=true"};
    std::vector<std::string> install = {"install", "web", chart, "--create-namespace", "--wait",
                                        "--timeout", "180s"};
    install.insert(install.end(), values.begin(), values.end());
    REQUIRE(helm(install).exit_code == 0);
    CommandResult objects =
        cluster->Kubectl({"get", "deploy,svc,sa,ingress,hpa", "-n", ns, "-o", "name"});
    INFO(objects.out << objects.err);
    for (const char* object : {"deployment.apps/web-scaffold", "service/web-scaffold",
                               "serviceaccount/web-scaffold", "ingress.networking.k8s.io/web-scaffold",
                               "horizontalpodautoscaler.autoscaling/web-scaffold"}) {
      CHECK(absl::StrContains(objects.out, object));
    }
    CHECK(cluster->Kubectl({"get", "hpa.v2.autoscaling", "web-scaffold", "-n", ns, "-o",
                            "jsonpath={.spec.metrics[0].resource.target.averageUtilization}"})
              .out == "80");

    // The chart's test: a pod that fetches the Service by its DNS name.
    CommandResult tested = helm({"test", "web", "--timeout", "120s"});
    CHECK(absl::StrContains(tested.out, "TEST SUITE:     web-scaffold-test-connection"));
    CHECK(cluster->Kubectl({"get", "pod", "web-scaffold-test-connection", "-n", ns, "-o",
                            "jsonpath={.status.phase}"}).out == "Succeeded");

    // Upgrade without autoscaling and two replicas: the HPA goes, both pods are ready.
    std::vector<std::string> upgrade = {"upgrade", "web", chart, "--wait", "--timeout", "180s"};
    upgrade.insert(upgrade.end(), values.begin(), values.end());
    upgrade.insert(upgrade.end(), {"--set", "autoscaling.enabled=false", "--set", "replicaCount=2"});
    REQUIRE(helm(upgrade).exit_code == 0);
    CHECK(cluster->Kubectl({"get", "deploy", "web-scaffold", "-n", ns, "-o",
                            "jsonpath={.status.readyReplicas}"}).out == "2");
    CHECK(cluster->Kubectl({"get", "hpa", "web-scaffold", "-n", ns}).exit_code != 0);

    REQUIRE(helm({"rollback", "web", "1", "--wait", "--timeout", "180s"}).exit_code == 0);
    CHECK(cluster->Kubectl({"get", "hpa", "web-scaffold", "-n", ns}).exit_code == 0);

    REQUIRE(helm({"uninstall", "web", "--wait", "--timeout", "180s"}).exit_code == 0);
    // Nothing of the release is left: its objects, its pods (given their grace
    // period), its record. The test hook's pod stays, as upstream's Helm leaves it.
    CommandResult left;
    Eventually(
        [&] {
          left = cluster->Kubectl(
              {"get", "deploy,rs,pods,svc,ingress,hpa,secrets", "-n", ns, "-o", "name"});
          return left.exit_code == 0 && left.out == "pod/web-scaffold-test-connection\n";
        },
        absl::Seconds(90));
    INFO(left.err);
    CHECK(left.out == "pod/web-scaffold-test-connection\n");
  }
}

}  // namespace
}  // namespace kube::testing
