// The kubectl commands of issue 2 against the real apiserver: version,
// api-resources, create (single and multi-document), get, describe, delete, and
// the errors users see.

#include <catch2/catch.hpp>

#include "tests/integration/integration_helpers.h"

namespace kube::testing {
namespace {

TEST_CASE("kubectl version and api-resources") {
  REQUIRE_KUBECTL();
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl kubectl(server);

  CommandResult version = kubectl.Run({"version"});
  INFO(version.out << version.err);
  CHECK(version.exit_code == 0);
  CHECK(Contains(version.out, "Server Version: v1.32.0"));

  CommandResult resources = kubectl.Run({"api-resources"});
  INFO(resources.out << resources.err);
  REQUIRE(resources.exit_code == 0);
  for (const char* row : {"pods", "po", "services", "svc", "replicationcontrollers", "rc",
                          "namespaces", "ns", "nodes", "events", "configmaps", "secrets",
                          "persistentvolumeclaims", "serviceaccounts", "deployments",
                          "apps/v1", "jobs", "leases", "coordination.k8s.io/v1",
                          "poddisruptionbudgets", "policy/v1"}) {
    CHECK(Contains(resources.out, row));
  }
  CHECK(resources.err.empty());
}

TEST_CASE("kubectl creates, gets, describes and deletes the talk's objects") {
  REQUIRE_KUBECTL();
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl kubectl(server);

  // Namespaces: one from the generator (a protobuf body), one from YAML.
  CommandResult demo = kubectl.Run({"create", "namespace", "demo"});
  INFO(demo.out << demo.err);
  REQUIRE(demo.exit_code == 0);
  CHECK(Contains(demo.out, "namespace/demo created"));
  CommandResult mytunes =
      kubectl.Run({"create", "-f", "-"}, "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: mytunes\n");
  INFO(mytunes.out << mytunes.err);
  REQUIRE(mytunes.exit_code == 0);

  CommandResult counter = kubectl.Run({"create", "-f", Example("counter-pod.yaml")});
  INFO(counter.out << counter.err);
  REQUIRE(counter.exit_code == 0);
  CHECK(Contains(counter.out, "pod/counter created"));

  CommandResult music = kubectl.Run({"create", "-f", Example("music-db.yaml")});
  INFO(music.out << music.err);
  REQUIRE(music.exit_code == 0);
  CHECK(Contains(music.out, "replicationcontroller/music-db created"));
  CHECK(Contains(music.out, "service/music-db created"));

  // Duplicates.
  CommandResult again = kubectl.Run({"create", "-f", Example("counter-pod.yaml")});
  CHECK(again.exit_code != 0);
  CHECK(Contains(again.err, "pods \"counter\" already exists"));

  // Plain get: a Table with the pod columns.
  CommandResult pods = kubectl.Run({"get", "pods", "-n", "demo"});
  INFO(pods.out << pods.err);
  REQUIRE(pods.exit_code == 0);
  CHECK(Contains(pods.out, "NAME"));
  CHECK(Contains(pods.out, "READY"));
  CHECK(Contains(pods.out, "STATUS"));
  CHECK(Contains(pods.out, "counter"));
  CHECK(Contains(pods.out, "Pending"));

  CommandResult wide = kubectl.Run({"get", "pods", "-n", "demo", "-o", "wide"});
  CHECK(wide.exit_code == 0);
  CHECK(Contains(wide.out, "NODE"));

  CommandResult yaml = kubectl.Run({"get", "pod", "counter", "-n", "demo", "-o", "yaml"});
  INFO(yaml.out << yaml.err);
  REQUIRE(yaml.exit_code == 0);
  CHECK(Contains(yaml.out, "kind: Pod"));
  CHECK(Contains(yaml.out, "uid:"));
  CHECK(Contains(yaml.out, "resourceVersion:"));
  CHECK(Contains(yaml.out, "creationTimestamp:"));
  CHECK(Contains(yaml.out, "restartPolicy: Always"));
  CHECK(Contains(yaml.out, "terminationGracePeriodSeconds: 30"));

  CommandResult json = kubectl.Run({"get", "pods", "-n", "demo", "-o", "json"});
  REQUIRE(json.exit_code == 0);
  CHECK(Contains(json.out, "\"kind\": \"List\""));
  CHECK(Contains(json.out, "\"name\": \"counter\""));

  CommandResult names = kubectl.Run({"get", "rc,svc", "-n", "mytunes", "-o", "name"});
  INFO(names.out << names.err);
  REQUIRE(names.exit_code == 0);
  CHECK(Contains(names.out, "replicationcontroller/music-db"));
  CHECK(Contains(names.out, "service/music-db"));

  CommandResult service = kubectl.Run({"get", "svc", "music-db", "-n", "mytunes"});
  INFO(service.out << service.err);
  CHECK(Contains(service.out, "ClusterIP"));
  CHECK(Contains(service.out, "9200/TCP"));

  CommandResult describe = kubectl.Run({"describe", "pod", "counter", "-n", "demo"});
  INFO(describe.out << describe.err);
  REQUIRE(describe.exit_code == 0);
  CHECK(Contains(describe.out, "Name:"));
  CHECK(Contains(describe.out, "counter"));
  CHECK(Contains(describe.out, "busybox"));
  CHECK(Contains(describe.out, "Events:"));

  CommandResult describe_rc = kubectl.Run({"describe", "rc", "music-db", "-n", "mytunes"});
  INFO(describe_rc.out << describe_rc.err);
  CHECK(describe_rc.exit_code == 0);
  CHECK(Contains(describe_rc.out, "Replicas:"));

  CommandResult deleted = kubectl.Run({"delete", "pod", "counter", "-n", "demo"});
  INFO(deleted.out << deleted.err);
  CHECK(deleted.exit_code == 0);
  CHECK(Contains(deleted.out, "pod \"counter\" deleted"));
  CommandResult gone = kubectl.Run({"get", "pod", "counter", "-n", "demo"});
  CHECK(gone.exit_code != 0);
  CHECK(Contains(gone.err, "pods \"counter\" not found"));

  CommandResult delete_file = kubectl.Run({"delete", "-f", Example("music-db.yaml")});
  INFO(delete_file.out << delete_file.err);
  CHECK(delete_file.exit_code == 0);
  CHECK(Contains(delete_file.out, "replicationcontroller \"music-db\" deleted"));
  CHECK(Contains(delete_file.out, "service \"music-db\" deleted"));
  CommandResult empty = kubectl.Run({"get", "rc,svc", "-n", "mytunes"});
  CHECK(Contains(empty.err, "No resources found"));
}

TEST_CASE("kubectl reports invalid objects and missing namespaces") {
  REQUIRE_KUBECTL();
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl kubectl(server);

  // The counter pod's namespace "demo" does not exist.
  CommandResult missing = kubectl.Run({"create", "-f", Example("counter-pod.yaml")});
  INFO(missing.out << missing.err);
  CHECK(missing.exit_code != 0);
  CHECK(Contains(missing.err, "namespaces \"demo\" not found"));

  CommandResult invalid = kubectl.Run(
      {"create", "-f", "-"},
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: Bad_Name\nspec:\n  containers:\n"
      "  - name: c\n    image: ''\n  restartPolicy: Sometimes\n");
  INFO(invalid.out << invalid.err);
  CHECK(invalid.exit_code != 0);
  CHECK(Contains(invalid.err, "is invalid"));
  CHECK(Contains(invalid.err, "metadata.name"));
  CHECK(Contains(invalid.err, "spec.containers[0].image: Required value"));
  CHECK(Contains(invalid.err, "spec.restartPolicy"));

  CommandResult unknown_field = kubectl.Run(
      {"create", "-f", "-"},
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n"
      "  - name: c\n    image: busybox\n    imagePullPolicyy: Always\n");
  INFO(unknown_field.out << unknown_field.err);
  CHECK(unknown_field.exit_code != 0);
  CHECK(Contains(unknown_field.err, "imagePullPolicyy"));
}

}  // namespace
}  // namespace kube::testing
