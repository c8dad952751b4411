// kubectl scale, and the talk's rolling upgrade: two ReplicationControllers scaled
// against each other (pods do not run yet; replica counts and labels are checked).

#include <catch2/catch.hpp>

#include "tests/integration/integration_helpers.h"

namespace kube::testing {
namespace {

std::string Field(const Kubectl& kubectl, const std::string& kind, const std::string& name,
                  const std::string& path) {
  CommandResult result = kubectl.Run({"get", kind, name, "-o", "jsonpath=" + path});
  INFO(result.err);
  CHECK(result.exit_code == 0);
  return result.out;
}

TEST_CASE("kubectl scale for replication controllers and deployments") {
  REQUIRE_KUBECTL();
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl kubectl(server);
  REQUIRE(kubectl.Run({"create", "namespace", "mytunes"}).exit_code == 0);
  REQUIRE(kubectl.Run({"create", "-f", Example("music-db.yaml")}).exit_code == 0);

  CommandResult down = kubectl.Run({"scale", "rc", "music-db", "-n", "mytunes", "--replicas=2"});
  INFO(down.out << down.err);
  REQUIRE(down.exit_code == 0);
  CHECK(Contains(down.out, "replicationcontroller/music-db scaled"));
  CHECK(kubectl.Run({"get", "rc", "music-db", "-n", "mytunes", "-o", "jsonpath={.spec.replicas}"}).out == "2");

  // --current-replicas: GET the Scale, then PUT it with its resourceVersion.
  CommandResult guarded = kubectl.Run(
      {"scale", "rc", "music-db", "-n", "mytunes", "--current-replicas=2", "--replicas=6"});
  INFO(guarded.out << guarded.err);
  REQUIRE(guarded.exit_code == 0);
  CHECK(kubectl.Run({"get", "rc", "music-db", "-n", "mytunes", "-o", "jsonpath={.spec.replicas}"}).out == "6");
  CommandResult mismatch = kubectl.Run(
      {"scale", "rc", "music-db", "-n", "mytunes", "--current-replicas=3", "--replicas=1"});
  CHECK(mismatch.exit_code != 0);
  CHECK(kubectl.Run({"get", "rc", "music-db", "-n", "mytunes", "-o", "jsonpath={.spec.replicas}"}).out == "6");

  REQUIRE(kubectl.Run({"create", "deployment", "web", "--image=busybox", "--replicas=2"}).exit_code == 0);
  CommandResult deploy = kubectl.Run({"scale", "deployment", "web", "--replicas=4"});
  INFO(deploy.out << deploy.err);
  REQUIRE(deploy.exit_code == 0);
  CHECK(Contains(deploy.out, "deployment.apps/web scaled"));
  CHECK(Field(kubectl, "deployment", "web", "{.spec.replicas}") == "4");
  CHECK(Field(kubectl, "deployment", "web", "{.metadata.generation}") == "2");
  CommandResult deploy_guarded =
      kubectl.Run({"scale", "deployment", "web", "--current-replicas=4", "--replicas=1"});
  INFO(deploy_guarded.out << deploy_guarded.err);
  CHECK(deploy_guarded.exit_code == 0);
  CHECK(Field(kubectl, "deployment", "web", "{.spec.replicas}") == "1");
}

TEST_CASE("the talk's rolling upgrade steps two controllers 3/1, 2/2, 1/3, 0/4") {
  REQUIRE_KUBECTL();
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl kubectl(server);
  CommandResult created = kubectl.Run({"create", "-f", Example("rolling-upgrade.yaml")});
  INFO(created.out << created.err);
  REQUIRE(created.exit_code == 0);
  CHECK(Field(kubectl, "rc", "backend-v1.2", "{.spec.replicas}") == "4");
  CHECK(Field(kubectl, "rc", "backend-v1.3", "{.spec.replicas}") == "0");
  for (int step = 1; step <= 4; ++step) {
    std::string old_count = std::to_string(4 - step);
    std::string new_count = std::to_string(step);
    REQUIRE(kubectl.Run({"scale", "rc", "backend-v1.3", "--replicas=" + new_count}).exit_code == 0);
    REQUIRE(kubectl.Run({"scale", "rc", "backend-v1.2", "--replicas=" + old_count}).exit_code == 0);
    CHECK(Field(kubectl, "rc", "backend-v1.2", "{.spec.replicas}") == old_count);
    CHECK(Field(kubectl, "rc", "backend-v1.3", "{.spec.replicas}") == new_count);
  }
  // Both controllers select app=backend pods; each keeps its own version label.
  CommandResult selected = kubectl.Run({"get", "rc", "-l", "app=backend", "-o", "name"});
  CHECK(selected.out == "replicationcontroller/backend-v1.2\nreplicationcontroller/backend-v1.3\n");
  CHECK(Field(kubectl, "rc", "backend-v1.3", "{.spec.selector.version}") == "v1.3");
  CHECK(Field(kubectl, "rc", "backend-v1.3", "{.spec.template.metadata.labels.version}") == "v1.3");
}

}  // namespace
}  // namespace kube::testing
