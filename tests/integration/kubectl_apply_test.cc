// kubectl apply, edit and patch: the strategic-merge surface of issue 3.

#include <catch2/catch.hpp>

#include "tests/integration/integration_helpers.h"

namespace kube::testing {
namespace {

std::string Deployment(const std::string& image, int replicas, bool with_side) {
  std::string manifest =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels: {app: web}\n"
      "spec:\n  replicas: " + std::to_string(replicas) +
      "\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n"
      "    spec:\n      containers:\n      - name: web\n        image: " + image +
      "\n        ports: [{containerPort: 80, name: http}]\n        env: [{name: MODE, value: prod}]\n";
  if (with_side) {
    manifest += "      - name: side\n        image: busybox\n        args: [sleep, '3600']\n";
  }
  return manifest;
}

std::string Jsonpath(const Kubectl& kubectl, const std::vector<std::string>& target,
                     const std::string& path) {
  std::vector<std::string> args = {"get"};
  args.insert(args.end(), target.begin(), target.end());
  args.push_back("-o");
  args.push_back("jsonpath=" + path);
  CommandResult result = kubectl.Run(args);
  INFO(result.err);
  CHECK(result.exit_code == 0);
  return result.out;
}

TEST_CASE("kubectl apply merges strategically, reports unchanged, and removes dropped containers") {
  REQUIRE_KUBECTL();
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl kubectl(server);

  CommandResult first = kubectl.Run({"apply", "-f", "-"}, Deployment("busybox:1.0", 2, true));
  INFO(first.out << first.err);
  REQUIRE(first.exit_code == 0);
  CHECK(Contains(first.out, "deployment.apps/web created"));

  CommandResult second = kubectl.Run({"apply", "-f", "-"}, Deployment("busybox:2.0", 3, true));
  INFO(second.out << second.err);
  REQUIRE(second.exit_code == 0);
  CHECK(Contains(second.out, "deployment.apps/web configured"));
  std::vector<std::string> web = {"deployment", "web"};
  CHECK(Jsonpath(kubectl, web, "{.spec.replicas}") == "3");
  CHECK(Jsonpath(kubectl, web, "{.spec.template.spec.containers[0].image}") == "busybox:2.0");
  // The strategic merge kept what the patch did not mention.
  CHECK(Jsonpath(kubectl, web, "{.spec.template.spec.containers[0].ports[0].containerPort}") == "80");
  CHECK(Jsonpath(kubectl, web, "{.spec.template.spec.containers[0].env[0].value}") == "prod");
  CHECK(Jsonpath(kubectl, web, "{.spec.template.spec.containers[*].name}") == "web side");
  CHECK(Jsonpath(kubectl, web, "{.metadata.generation}") == "2");

  CommandResult third = kubectl.Run({"apply", "-f", "-"}, Deployment("busybox:2.0", 3, true));
  INFO(third.out << third.err);
  REQUIRE(third.exit_code == 0);
  CHECK(Contains(third.out, "deployment.apps/web unchanged"));

  CommandResult dropped = kubectl.Run({"apply", "-f", "-"}, Deployment("busybox:2.0", 3, false));
  INFO(dropped.out << dropped.err);
  REQUIRE(dropped.exit_code == 0);
  CHECK(Contains(dropped.out, "deployment.apps/web configured"));
  CHECK(Jsonpath(kubectl, web, "{.spec.template.spec.containers[*].name}") == "web");
  CHECK(Jsonpath(kubectl, web, "{.spec.template.spec.containers[0].ports[0].name}") == "http");
}

TEST_CASE("kubectl apply --server-side creates and updates with a field manager") {
  REQUIRE_KUBECTL();
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl kubectl(server);
  std::string manifest =
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: '1'\n  b: '2'\n";
  CommandResult created = kubectl.Run({"apply", "--server-side", "-f", "-"}, manifest);
  INFO(created.out << created.err);
  REQUIRE(created.exit_code == 0);
  CHECK(Contains(created.out, "configmap/settings serverside-applied"));
  std::string changed =
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: '10'\n";
  CommandResult updated = kubectl.Run({"apply", "--server-side", "-f", "-"}, changed);
  INFO(updated.out << updated.err);
  REQUIRE(updated.exit_code == 0);
  std::vector<std::string> target = {"configmap", "settings"};
  CHECK(Jsonpath(kubectl, target, "{.data.a}") == "10");
  // b was applied by this manager before and no longer is: it goes.
  CHECK(Jsonpath(kubectl, target, "{.data.b}").empty());
  CHECK(Jsonpath(kubectl, target, "{.metadata.managedFields[0].manager}") == "kubectl");
}

TEST_CASE("every write records its field manager; apply after create meets upstream's conflict",
          "[managedfields]") {
  REQUIRE_KUBECTL();
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl kubectl(server);
  CommandResult created = kubectl.Run({"create", "-f", "-"}, Deployment("nginx:1.25", 2, false));
  INFO(created.out << created.err);
  REQUIRE(created.exit_code == 0);
  std::vector<std::string> target = {"deployment", "web"};
  // kubectl create names itself "kubectl-create"; the entry owns what it set.
  CHECK(Jsonpath(kubectl, target, "{.metadata.managedFields[0].manager}") == "kubectl-create");
  CHECK(Jsonpath(kubectl, target, "{.metadata.managedFields[0].operation}") == "Update");
  CHECK(Jsonpath(kubectl, target, "{.metadata.managedFields[0].apiVersion}") == "apps/v1");
  CHECK(Contains(Jsonpath(kubectl, target, "{.metadata.managedFields[0].fieldsV1}"),
                 "\"f:replicas\":{}"));

  // Another manager's change to a field kubectl-create owns is upstream's conflict.
  CommandResult conflict =
      kubectl.Run({"apply", "--server-side", "-f", "-"}, Deployment("nginx:1.25", 3, false));
  INFO(conflict.out << conflict.err);
  CHECK(conflict.exit_code != 0);
  CHECK(Contains(conflict.err, "Apply failed with 1 conflict: conflict with \"kubectl-create\" "
                               "using apps/v1: .spec.replicas"));
  CHECK(Jsonpath(kubectl, target, "{.spec.replicas}") == "2");
  // Forced, the applier takes the field; kubectl-create keeps the rest.
  CommandResult forced = kubectl.Run(
      {"apply", "--server-side", "--force-conflicts", "-f", "-"}, Deployment("nginx:1.25", 3, false));
  INFO(forced.err);
  REQUIRE(forced.exit_code == 0);
  CHECK(Jsonpath(kubectl, target, "{.spec.replicas}") == "3");
  std::string managers = Jsonpath(kubectl, target, "{.metadata.managedFields[*].manager}");
  CHECK(Contains(managers, "kubectl-create"));
  CHECK(Contains(managers, "kubectl"));

  // A later update through /scale moves the field to its manager, and the applier's
  // next change to it conflicts with that manager.
  CommandResult scaled = kubectl.Run({"scale", "deployment", "web", "--replicas", "4"});
  INFO(scaled.err);
  REQUIRE(scaled.exit_code == 0);
  CommandResult again =
      kubectl.Run({"apply", "--server-side", "-f", "-"}, Deployment("nginx:1.25", 5, false));
  INFO(again.err);
  CHECK(again.exit_code != 0);
  // kubectl scale names no manager: the server takes its User-Agent's "kubectl".
  CHECK(Contains(again.err, "Apply failed with 1 conflict: conflict with \"kubectl\" with "
                           "subresource \"scale\" using apps/v1: .spec.replicas"));
}

TEST_CASE("kubectl edit applies the editor's change") {
  REQUIRE_KUBECTL();
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl kubectl(server);
  REQUIRE(kubectl.Run({"apply", "-f", "-"}, Deployment("busybox:1.0", 2, true)).exit_code == 0);

  CommandResult edited = kubectl.Run({"edit", "deployment", "web"}, "", absl::Seconds(60),
                                     {"EDITOR=sed -i s/busybox:1.0/busybox:3.0/"});
  INFO(edited.out << edited.err);
  REQUIRE(edited.exit_code == 0);
  CHECK(Contains(edited.out, "deployment.apps/web edited"));
  std::vector<std::string> web = {"deployment", "web"};
  CHECK(Jsonpath(kubectl, web, "{.spec.template.spec.containers[0].image}") == "busybox:3.0");
  CHECK(Jsonpath(kubectl, web, "{.spec.template.spec.containers[0].ports[0].containerPort}") == "80");

  CommandResult unchanged = kubectl.Run({"edit", "deployment", "web"}, "", absl::Seconds(60),
                                        {"EDITOR=true"});
  INFO(unchanged.out << unchanged.err);
  CHECK(unchanged.exit_code == 0);
  CHECK(Contains(unchanged.err, "Edit cancelled, no changes made."));
}

TEST_CASE("kubectl patch with each --type") {
  REQUIRE_KUBECTL();
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl kubectl(server);
  REQUIRE(kubectl.Run({"apply", "-f", "-"}, Deployment("busybox:1.0", 2, true)).exit_code == 0);
  std::vector<std::string> web = {"deployment", "web"};

  CommandResult strategic = kubectl.Run(
      {"patch", "deployment", "web", "-p",
       R"({"spec":{"template":{"spec":{"containers":[{"name":"web","image":"busybox:4.0"}]}}}})"});
  INFO(strategic.out << strategic.err);
  REQUIRE(strategic.exit_code == 0);
  CHECK(Contains(strategic.out, "deployment.apps/web patched"));
  CHECK(Jsonpath(kubectl, web, "{.spec.template.spec.containers[*].image}") == "busybox:4.0 busybox");
  CHECK(Jsonpath(kubectl, web, "{.spec.template.spec.containers[0].env[0].name}") == "MODE");

  CommandResult merge = kubectl.Run(
      {"patch", "deployment", "web", "--type", "merge", "-p", R"({"metadata":{"labels":{"tier":"front"}}})"});
  INFO(merge.out << merge.err);
  REQUIRE(merge.exit_code == 0);
  CHECK(Jsonpath(kubectl, web, "{.metadata.labels.tier}") == "front");

  CommandResult json = kubectl.Run({"patch", "deployment", "web", "--type", "json", "-p",
                                    R"([{"op":"replace","path":"/spec/replicas","value":5}])"});
  INFO(json.out << json.err);
  REQUIRE(json.exit_code == 0);
  CHECK(Jsonpath(kubectl, web, "{.spec.replicas}") == "5");

  std::string version = Jsonpath(kubectl, web, "{.metadata.resourceVersion}");
  CommandResult same = kubectl.Run(
      {"patch", "deployment", "web", "--type", "merge", "-p", R"({"spec":{"replicas":5}})"});
  INFO(same.out << same.err);
  CHECK(same.exit_code == 0);
  CHECK(Contains(same.out, "patched (no change)"));
  CHECK(Jsonpath(kubectl, web, "{.metadata.resourceVersion}") == version);

  CommandResult failed = kubectl.Run({"patch", "deployment", "web", "--type", "json", "-p",
                                      R"([{"op":"test","path":"/spec/replicas","value":9}])"});
  CHECK(failed.exit_code != 0);

  CommandResult invalid = kubectl.Run({"patch", "deployment", "web", "--type", "merge", "-p",
                                       R"({"spec":{"replicas":-1}})"});
  CHECK(invalid.exit_code != 0);
  CHECK(Contains(invalid.err, "spec.replicas"));
}

TEST_CASE("kubectl label and annotate set and remove") {
  REQUIRE_KUBECTL();
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl kubectl(server);
  REQUIRE(kubectl.Run({"run", "p", "--image=busybox", "--restart=Never"}).exit_code == 0);
  std::vector<std::string> pod = {"pod", "p"};

  CommandResult label = kubectl.Run({"label", "pod", "p", "tier=front"});
  INFO(label.out << label.err);
  REQUIRE(label.exit_code == 0);
  CHECK(Contains(label.out, "pod/p labeled"));
  CHECK(Jsonpath(kubectl, pod, "{.metadata.labels.tier}") == "front");
  CHECK(kubectl.Run({"label", "pod", "p", "tier=back"}).exit_code != 0);
  REQUIRE(kubectl.Run({"label", "pod", "p", "tier=back", "--overwrite"}).exit_code == 0);
  CHECK(Jsonpath(kubectl, pod, "{.metadata.labels.tier}") == "back");
  REQUIRE(kubectl.Run({"label", "pod", "p", "tier-"}).exit_code == 0);
  CHECK(Jsonpath(kubectl, pod, "{.metadata.labels.tier}").empty());

  CommandResult annotate = kubectl.Run({"annotate", "pod", "p", "note=hello"});
  INFO(annotate.out << annotate.err);
  REQUIRE(annotate.exit_code == 0);
  CHECK(Contains(annotate.out, "pod/p annotated"));
  CHECK(Jsonpath(kubectl, pod, "{.metadata.annotations.note}") == "hello");
  REQUIRE(kubectl.Run({"annotate", "pod", "p", "note-"}).exit_code == 0);
  CHECK(Jsonpath(kubectl, pod, "{.metadata.annotations.note}").empty());
}

}  // namespace
}  // namespace kube::testing
