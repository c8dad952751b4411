// Generators (protobuf bodies), replace, wide and aggregated gets, describe with
// events, and delete -f: the rest of the everyday kubectl surface.

#include <catch2/catch.hpp>

#include "tests/integration/integration_helpers.h"

namespace kube::testing {
namespace {

TEST_CASE("kubectl create generators send protobuf bodies the server decodes") {
  REQUIRE_KUBECTL();
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl kubectl(server);
  REQUIRE(kubectl.Run({"create", "namespace", "shop"}).exit_code == 0);
  CommandResult config = kubectl.Run({"create", "configmap", "cfg", "-n", "shop", "--from-literal=a=b"});
  INFO(config.out << config.err);
  REQUIRE(config.exit_code == 0);
  CHECK(kubectl.Run({"get", "configmap", "cfg", "-n", "shop", "-o", "jsonpath={.data.a}"}).out == "b");
  CommandResult secret = kubectl.Run({"create", "secret", "generic", "s1", "-n", "shop", "--from-literal=k=v"});
  REQUIRE(secret.exit_code == 0);
  CHECK(kubectl.Run({"get", "secret", "s1", "-n", "shop", "-o", "jsonpath={.data.k}"}).out == "dg==");
  CHECK(kubectl.Run({"get", "secret", "s1", "-n", "shop", "-o", "jsonpath={.type}"}).out == "Opaque");

  CommandResult deployment = kubectl.Run(
      {"create", "deployment", "web", "-n", "shop", "--image=busybox", "--replicas=2", "--", "sleep", "3600"});
  INFO(deployment.out << deployment.err);
  REQUIRE(deployment.exit_code == 0);
  CommandResult yaml = kubectl.Run({"get", "deployment", "web", "-n", "shop", "-o", "yaml"});
  INFO(yaml.out);
  CHECK(Contains(yaml.out, "replicas: 2"));
  CHECK(Contains(yaml.out, "image: busybox"));
  CHECK(Contains(yaml.out, "- sleep"));
  CHECK(Contains(yaml.out, "app: web"));
  // Present-but-empty protobuf fields did not leak into the object.
  CHECK(!Contains(yaml.out, "generateName"));
  CHECK(!Contains(yaml.out, "1970-01-01"));
  // Server-side defaults applied to the template.
  CHECK(Contains(yaml.out, "restartPolicy: Always"));
  CHECK(Contains(yaml.out, "maxSurge: 25%"));
}

TEST_CASE("kubectl replace with a stale object fails with a conflict") {
  REQUIRE_KUBECTL();
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl kubectl(server);
  REQUIRE(kubectl.Run({"create", "configmap", "cfg", "--from-literal=a=1"}).exit_code == 0);
  CommandResult saved = kubectl.Run({"get", "configmap", "cfg", "-o", "yaml"});
  REQUIRE(saved.exit_code == 0);
  REQUIRE(kubectl.Run({"patch", "configmap", "cfg", "--type", "merge", "-p", R"({"data":{"a":"2"}})"})
              .exit_code == 0);
  CommandResult stale = kubectl.Run({"replace", "-f", "-"}, saved.out);
  INFO(stale.out << stale.err);
  CHECK(stale.exit_code != 0);
  CHECK(Contains(stale.err, "the object has been modified; please apply your changes to the latest version and try again"));
  CommandResult fresh = kubectl.Run({"get", "configmap", "cfg", "-o", "yaml"});
  CommandResult replaced = kubectl.Run({"replace", "-f", "-"}, fresh.out);
  INFO(replaced.out << replaced.err);
  CHECK(replaced.exit_code == 0);
  CHECK(Contains(replaced.out, "configmap/cfg replaced"));
}

TEST_CASE("kubectl get wide, all, and across namespaces with labels") {
  REQUIRE_KUBECTL();
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl kubectl(server);
  REQUIRE(kubectl.Run({"create", "namespace", "mytunes"}).exit_code == 0);
  REQUIRE(kubectl.Run({"create", "-f", Example("music-db.yaml")}).exit_code == 0);
  REQUIRE(kubectl.Run({"create", "-f", Example("nifty-pods.yaml")}).exit_code == 0);
  REQUIRE(kubectl.Run({"create", "deployment", "web", "--image=busybox"}).exit_code == 0);

  CommandResult all = kubectl.Run({"get", "all", "-n", "mytunes"});
  INFO(all.out << all.err);
  REQUIRE(all.exit_code == 0);
  CHECK(Contains(all.out, "replicationcontroller/music-db"));
  CHECK(Contains(all.out, "service/music-db"));
  CHECK(Contains(all.out, "DESIRED"));

  CommandResult everything = kubectl.Run({"get", "all", "-A"});
  INFO(everything.out << everything.err);
  CHECK(Contains(everything.out, "deployment.apps/web"));
  CHECK(Contains(everything.out, "pod/nifty-dev-fe"));

  CommandResult wide = kubectl.Run({"get", "rc", "-A", "-o", "wide"});
  INFO(wide.out);
  CHECK(Contains(wide.out, "SELECTOR"));
  CHECK(Contains(wide.out, "app=music-db"));
  CHECK(Contains(wide.out, "busybox"));

  CommandResult labels = kubectl.Run({"get", "pods,rc", "-A", "--show-labels"});
  INFO(labels.out);
  CHECK(Contains(labels.out, "NAMESPACE"));
  CHECK(Contains(labels.out, "mytunes"));
  CHECK(Contains(labels.out, "app=music-db"));
  CHECK(Contains(labels.out, "app=nifty,phase=dev,role=fe"));
}

TEST_CASE("kubectl describe shows the object's events") {
  REQUIRE_KUBECTL();
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl kubectl(server);
  REQUIRE(kubectl.Run({"run", "p", "--image=busybox", "--restart=Never"}).exit_code == 0);
  std::string uid = kubectl.Run({"get", "pod", "p", "-o", "jsonpath={.metadata.uid}"}).out;
  std::string event =
      "apiVersion: v1\nkind: Event\nmetadata:\n  name: p.1\n  namespace: default\n"
      "involvedObject:\n  kind: Pod\n  name: p\n  namespace: default\n  uid: " + uid +
      "\nreason: Scheduled\nmessage: Successfully assigned default/p to node-1\ntype: Normal\n"
      "source:\n  component: default-scheduler\ncount: 1\n";
  CommandResult created = kubectl.Run({"create", "-f", "-"}, event);
  INFO(created.out << created.err);
  REQUIRE(created.exit_code == 0);

  CommandResult describe = kubectl.Run({"describe", "pod", "p"});
  INFO(describe.out << describe.err);
  REQUIRE(describe.exit_code == 0);
  CHECK(Contains(describe.out, "Events:"));
  CHECK(Contains(describe.out, "Scheduled"));
  CHECK(Contains(describe.out, "Successfully assigned default/p to node-1"));

  CommandResult events = kubectl.Run({"get", "events"});
  INFO(events.out);
  CHECK(Contains(events.out, "Scheduled"));
  CHECK(Contains(events.out, "pod/p"));
}

}  // namespace
}  // namespace kube::testing
