// CustomResourceDefinitions as kubectl 1.32 drives them: schema validation with
// upstream's messages, pruning and field validation, defaults on write and on
// read, printer columns (priority 1 only with -o wide), short names, watch, a
// cluster-scoped CRD, two versions under conversion None, the status subresource,
// and cleanup when a CRD or a namespace goes.

#include <catch2/catch.hpp>
#include <memory>

#include "tests/integration/integration_helpers.h"
#include "tests/support/controller_manager_process.h"
#include "tests/support/eventually.h"

namespace kube::testing {
namespace {

constexpr char kCronTabs[] = "crontabs.stable.example.com";

// Upstream's CronTab example, with a bounded replicas, the status and scale subresources and
// printer columns (Image only in -o wide). `image_default` adds a default to
// spec.image.
std::string CronTabCrd(const std::string& image_default = "") {
  const std::string image = image_default.empty()
                                ? "{type: string}"
                                : "{type: string, default: \"" + image_default + "\"}";
  return R"(apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: crontabs.stable.example.com}
spec:
  group: stable.example.com
  scope: Namespaced
  names: {plural: crontabs, singular: crontab, kind: CronTab, shortNames: [ct]}
  versions:
  - name: v1
    served: true
    storage: true
    subresources:
      status: {}
      scale: {specReplicasPath: .spec.replicas, statusReplicasPath: .status.replicas,
              labelSelectorPath: .status.selector}
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              cronSpec: {type: string}
              image: )" +
         image + R"(
              replicas: {type: integer, minimum: 1, maximum: 10}
          status:
            type: object
            properties:
              phase: {type: string}
              replicas: {type: integer}
              selector: {type: string}
    additionalPrinterColumns:
    - {name: Spec, type: string, jsonPath: .spec.cronSpec}
    - {name: Replicas, type: integer, jsonPath: .spec.replicas}
    - {name: Image, type: string, jsonPath: .spec.image, priority: 1}
    - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
)";
}

// A CronTab; `extra_spec` is appended to its spec's fields.
std::string CronTab(const std::string& name, int replicas, const std::string& extra_spec = "") {
  return "apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata: {name: " + name +
         "}\nspec: {cronSpec: \"*/5 * * * *\", replicas: " + std::to_string(replicas) + extra_spec +
         "}\n";
}

// Applies a CRD and waits for Established: from then on it is served.
void Establish(const Kubectl& kubectl, const std::string& crd, const std::string& name) {
  MustRun(kubectl, {"apply", "-f", "-"}, crd);
  MustRun(kubectl, {"wait", "--for=condition=Established", "crd/" + name, "--timeout=30s"});
}

// kubectl 1.32 from the machine image; the tests say so and skip where it is missing.
#define REQUIRE_KUBECTL_1_32(binary)                                              \
  const std::string binary = Kubectl::Release("1.32");                            \
  if (binary.empty()) {                                                           \
    WARN("SKIPPED: /usr/lib/google-cloud-sdk/bin/kubectl.1.32 is not installed"); \
    return;                                                                       \
  }

TEST_CASE("kubectl: a CRD's schema validates, prunes and defaults custom resources",
          "[crd][kubectl]") {
  REQUIRE_KUBECTL_1_32(binary);
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl kubectl(server, binary);
  Establish(kubectl, CronTabCrd(), kCronTabs);

  CommandResult invalid = kubectl.Run({"create", "-f", "-"}, CronTab("bad", 11));
  CHECK(invalid.exit_code != 0);
  CHECK(Contains(invalid.err,
                 "The CronTab \"bad\" is invalid: spec.replicas: Invalid value: 11: "
                 "spec.replicas in body should be less than or equal to 10"));

  // Unknown fields: strict (kubectl's default) refuses, warn warns, false drops silently;
  // all but strict store the object pruned.
  CommandResult strict =
      kubectl.Run({"create", "--validate=strict", "-f", "-"}, CronTab("strict", 1, ", x: 1"));
  CHECK(strict.exit_code != 0);
  CHECK(Contains(strict.err, "CronTab in version \"v1\" cannot be handled as a CronTab: strict "
                             "decoding error: unknown field \"spec.x\""));
  CommandResult warned =
      MustRun(kubectl, {"create", "--validate=warn", "-f", "-"}, CronTab("warned", 1, ", x: 1"));
  CHECK(Contains(warned.err, "Warning: unknown field \"spec.x\""));
  // Built-in kinds say it the same way.
  CommandResult strict_builtin = kubectl.Run(
      {"create", "--validate=strict", "-f", "-"},
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: strict}\nbogus: 1\n");
  CHECK(Contains(strict_builtin.err, "ConfigMap in version \"v1\" cannot be handled as a "
                                     "ConfigMap: strict decoding error: unknown field \"bogus\""));
  CommandResult ignored =
      MustRun(kubectl, {"create", "--validate=false", "-f", "-"}, CronTab("pruned", 1, ", x: 1"));
  CHECK(!Contains(ignored.err, "spec.x"));
  for (const char* name : {"warned", "pruned"}) {
    CommandResult stored = MustRun(kubectl, {"get", "ct", name, "-o", "json"});
    CHECK(Contains(stored.out, "\"replicas\": 1"));
    CHECK(!Contains(stored.out, "\"x\""));
  }

  // A default added later shows on objects stored before it (defaulted on read) and
  // on new ones (defaulted on create). Serving follows the CRD asynchronously, as
  // upstream's handler does: wait for the old object to show it.
  MustRun(kubectl, {"create", "-f", "-"}, CronTab("old", 2));
  CHECK(JsonPathOf(kubectl, "ct/old", ".spec.image").empty());
  MustRun(kubectl, {"apply", "-f", "-"}, CronTabCrd("busybox:1.36"));
  CHECK(Eventually([&] { return JsonPathOf(kubectl, "ct/old", ".spec.image") == "busybox:1.36"; },
                   absl::Seconds(30)));
  CommandResult created =
      MustRun(kubectl, {"create", "-f", "-", "-o", "jsonpath={.spec.image}"}, CronTab("fresh", 3));
  CHECK(created.out == "busybox:1.36");
  CHECK(JsonPathOf(kubectl, "ct/fresh", ".spec.image") == "busybox:1.36");
}

TEST_CASE("kubectl: a CRD's printer columns, short name and watch", "[crd][kubectl]") {
  REQUIRE_KUBECTL_1_32(binary);
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl kubectl(server, binary);
  Establish(kubectl, CronTabCrd(), kCronTabs);
  MustRun(kubectl, {"create", "-f", "-"}, CronTab("nightly", 2, ", image: cron:1"));

  CommandResult table = MustRun(kubectl, {"get", "ct"});
  INFO(table.out);
  CHECK(Words(LineWith(table.out, "NAME")) ==
        std::vector<std::string>{"NAME", "SPEC", "REPLICAS", "AGE"});
  std::vector<std::string> row = TableRow(table.out, "nightly");
  REQUIRE(row.size() == 8);  // the cron spec is five words
  CHECK(row[6] == "2");
  CommandResult wide = MustRun(kubectl, {"get", "crontabs", "-o", "wide"});
  INFO(wide.out);
  CHECK(Words(LineWith(wide.out, "NAME")) ==
        std::vector<std::string>{"NAME", "SPEC", "REPLICAS", "IMAGE", "AGE"});
  CHECK(Contains(LineWith(wide.out, "nightly"), "cron:1"));

  // `kubectl get crontab -w`, left running until the change streams out.
  TempDir dir;
  const std::string log = dir.path() + "/watch.log";
  Subprocess watch({binary, "--kubeconfig", server.kubeconfig(), "--cache-dir", dir.path(), "get",
                    "crontab", "-w", "--output-watch-events"},
                   log);
  REQUIRE(Eventually([&] { return Contains(ReadFile(log), "ADDED"); }, absl::Seconds(30)));
  MustRun(kubectl, {"patch", "ct", "nightly", "--type=merge", "-p", R"({"spec":{"replicas":5}})"});
  CHECK(Eventually([&] { return Contains(ReadFile(log), "MODIFIED"); }, absl::Seconds(30)));
  INFO(ReadFile(log));
  std::vector<std::string> modified = Words(LineWith(ReadFile(log), "MODIFIED"));
  REQUIRE(modified.size() == 9);
  CHECK(modified[1] == "nightly");
  CHECK(modified[7] == "5");
}

TEST_CASE("kubectl: a cluster-scoped CRD with two versions under conversion None",
          "[crd][kubectl]") {
  REQUIRE_KUBECTL_1_32(binary);
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl kubectl(server, binary);
  Establish(kubectl, R"(apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.multi.example.com}
spec:
  group: multi.example.com
  scope: Cluster
  names: {plural: widgets, singular: widget, kind: Widget}
  conversion: {strategy: None}
  versions:
  - name: v1
    served: true
    storage: true
    schema: {openAPIV3Schema: {type: object, properties: {spec: {type: object, properties: {size: {type: integer}}}}}}
  - name: v2
    served: true
    storage: false
    schema: {openAPIV3Schema: {type: object, properties: {spec: {type: object, properties: {size: {type: integer}}}}}}
)",
            "widgets.multi.example.com");

  CommandResult versions = MustRun(kubectl, {"api-versions"});
  CHECK(Contains(versions.out, "multi.example.com/v1\n"));
  CHECK(Contains(versions.out, "multi.example.com/v2\n"));
  CommandResult cluster_scoped =
      MustRun(kubectl, {"api-resources", "--namespaced=false", "-o", "name"});
  CHECK(Contains(cluster_scoped.out, "widgets.multi.example.com\n"));

  MustRun(
      kubectl, {"create", "-f", "-"},
      "apiVersion: multi.example.com/v1\nkind: Widget\nmetadata: {name: small}\nspec: {size: 2}\n");
  MustRun(
      kubectl, {"create", "-f", "-"},
      "apiVersion: multi.example.com/v2\nkind: Widget\nmetadata: {name: large}\nspec: {size: 9}\n");
  for (const char* name : {"small", "large"}) {
    INFO(name);
    const std::string v1 = std::string("widgets.v1.multi.example.com/") + name;
    const std::string v2 = std::string("widgets.v2.multi.example.com/") + name;
    CHECK(JsonPathOf(kubectl, v1, ".apiVersion") == "multi.example.com/v1");
    CHECK(JsonPathOf(kubectl, v2, ".apiVersion") == "multi.example.com/v2");
    CHECK(JsonPathOf(kubectl, v1, ".metadata.uid") == JsonPathOf(kubectl, v2, ".metadata.uid"));
    CHECK(JsonPathOf(kubectl, v1, ".spec.size") == JsonPathOf(kubectl, v2, ".spec.size"));
    CHECK(JsonPathOf(kubectl, v1, ".metadata.namespace").empty());
  }
  // v2 is preferred (upstream's version priority), so plain `widget` reads it.
  CHECK(JsonPathOf(kubectl, "widget/small", ".apiVersion") == "multi.example.com/v2");
  CommandResult listed = MustRun(kubectl, {"get", "widgets", "-o", "name"});
  CHECK(listed.out == "widget.multi.example.com/large\nwidget.multi.example.com/small\n");
  MustRun(kubectl, {"delete", "widgets.v2.multi.example.com", "small"});
  CHECK(MustRun(kubectl, {"get", "widgets.v1.multi.example.com", "-o", "name"}).out ==
        "widget.multi.example.com/large\n");
}

TEST_CASE("kubectl: a CRD's status subresource", "[crd][kubectl]") {
  REQUIRE_KUBECTL_1_32(binary);
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl kubectl(server, binary);
  Establish(kubectl, CronTabCrd(), kCronTabs);
  MustRun(kubectl, {"create", "-f", "-"}, CronTab("job", 2));
  const std::string fields = "jsonpath={.status.phase}/{.spec.replicas}/{.metadata.generation}";

  // /status takes the status and nothing else; the generation stays.
  CommandResult status =
      MustRun(kubectl, {"patch", "ct", "job", "--subresource=status", "--type=merge", "-p",
                        R"({"status":{"phase":"Running"},"spec":{"replicas":9}})", "-o", fields});
  CHECK(status.out == "Running/2/1");
  // The main endpoint ignores .status: nothing changes, not even the generation.
  CommandResult main_status = MustRun(kubectl, {"patch", "ct", "job", "--type=merge", "-p",
                                                R"({"status":{"phase":"Lost"}})", "-o", fields});
  CHECK(main_status.out == "Running/2/1");
  // A spec change is a new generation; the status stays.
  CommandResult spec =
      MustRun(kubectl, {"patch", "ct", "job", "--type=merge", "-p",
                        R"({"spec":{"replicas":3},"status":{"phase":"Lost"}})", "-o", fields});
  CHECK(spec.out == "Running/3/2");
  // PUT /status: a changed spec in the body is ignored.
  std::string object = MustRun(kubectl, {"get", "ct", "job", "-o", "json"}).out;
  const std::string running = "\"phase\": \"Running\"";
  const std::string three = "\"replicas\": 3";
  REQUIRE(Contains(object, running));
  REQUIRE(Contains(object, three));
  object.replace(object.find(running), running.size(), "\"phase\": \"Done\"");
  object.replace(object.find(three), three.size(), "\"replicas\": 8");
  CommandResult replaced =
      MustRun(kubectl, {"replace", "--subresource=status", "-f", "-", "-o", fields}, object);
  CHECK(replaced.out == "Done/3/2");
  CHECK(MustRun(kubectl, {"get", "ct", "job", "-o", fields}).out == "Done/3/2");
}

TEST_CASE("kubectl: deleting a CRD deletes its custom resources and its discovery",
          "[crd][kubectl]") {
  REQUIRE_KUBECTL_1_32(binary);
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl kubectl(server, binary);
  Establish(kubectl, CronTabCrd(), kCronTabs);
  MustRun(kubectl, {"create", "namespace", "other"});
  MustRun(kubectl, {"create", "-f", "-"}, CronTab("here", 1));
  MustRun(kubectl, {"create", "-n", "other", "-f", "-"}, CronTab("there", 1));
  CHECK(Contains(MustRun(kubectl, {"api-resources", "-o", "name"}).out,
                 "crontabs.stable.example.com\n"));

  MustRun(kubectl, {"delete", "crd", kCronTabs, "--timeout=30s"});
  CHECK(kubectl.Run({"get", "crd", kCronTabs}).exit_code != 0);
  // Discovery follows the CRD's removal asynchronously, as upstream's controller does.
  CHECK(Eventually(
      [&] {
        return !Contains(MustRun(kubectl, {"api-resources", "-o", "name"}).out, "crontabs");
      },
      absl::Seconds(10)));
  CHECK(!Contains(MustRun(kubectl, {"api-versions"}).out, "stable.example.com"));
  CHECK(kubectl.Run({"get", "ct"}).exit_code != 0);

  // Installed again, the CRD finds none of the old objects.
  Establish(kubectl, CronTabCrd(), kCronTabs);
  CHECK(MustRun(kubectl, {"get", "ct", "-A", "-o", "name"}).out.empty());
}

TEST_CASE("kubectl: deleting a namespace deletes the custom resources in it", "[crd][kubectl]") {
  REQUIRE_KUBECTL_1_32(binary);
  ApiServerProcess server({"--grpc-port=auto"});
  REQUIRE_STARTED(server);
  // The namespace loop of kube-controller-manager empties and finalizes namespaces.
  ControllerManagerProcess manager(server, {"--controllers", "namespace"});
  std::string why;
  REQUIRE(manager.Start(&why));
  Kubectl kubectl(server, binary);
  Establish(kubectl, CronTabCrd(), kCronTabs);
  MustRun(kubectl, {"create", "namespace", "doomed"});
  MustRun(kubectl, {"create", "-n", "doomed", "-f", "-"}, CronTab("inside", 1));
  MustRun(kubectl, {"create", "-f", "-"}, CronTab("outside", 1));

  MustRun(kubectl, {"delete", "namespace", "doomed", "--timeout=60s"});
  CHECK(kubectl.Run({"get", "namespace", "doomed"}).exit_code != 0);
  CHECK(MustRun(kubectl, {"get", "ct", "-n", "default", "-o", "name"}).out ==
        "crontab.stable.example.com/outside\n");
  // Gone from storage too: the namespace loop deletes the kinds the CRDs define.
  CHECK(MustRun(kubectl, {"get", "ct", "-A", "-o", "name"}).out ==
        "crontab.stable.example.com/outside\n");
}

TEST_CASE("kubectl scale works on a custom resource through its scale subresource",
          "[crd][kubectl]") {
  REQUIRE_KUBECTL_1_32(binary);
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl kubectl(server, binary);
  Establish(kubectl, CronTabCrd(), kCronTabs);
  MustRun(kubectl, {"create", "-f", "-"}, CronTab("scaled", 2));
  MustRun(kubectl, {"patch", "crontab", "scaled", "--subresource=status", "--type=merge", "-p",
                    R"({"status":{"replicas":2,"selector":"app=cron"}})"});

  MustRun(kubectl, {"scale", "crontab", "scaled", "--replicas=5"});
  CHECK(MustRun(kubectl, {"get", "crontab", "scaled", "-o", "jsonpath={.spec.replicas}"}).out ==
        "5");
  const std::string scale_path =
      "/apis/stable.example.com/v1/namespaces/default/crontabs/scaled/scale";
  const std::string scale = MustRun(kubectl, {"get", "--raw", scale_path}).out;
  CHECK(Contains(scale, R"("kind":"Scale","apiVersion":"autoscaling/v1")"));
  CHECK(Contains(scale, R"("spec":{"replicas":5})"));
  CHECK(Contains(scale, R"("replicas":2)"));
  CHECK(Contains(scale, R"("selector":"app=cron")"));
  // The schema still applies through /scale: 11 is over the maximum.
  CommandResult too_many = kubectl.Run({"scale", "crontab", "scaled", "--replicas=11"});
  CHECK(too_many.exit_code != 0);
  CHECK(Contains(too_many.err, "spec.replicas in body should be less than or equal to 10"));
  // A precondition on the current replicas, as kubectl offers it.
  CHECK(kubectl.Run({"scale", "crontab", "scaled", "--current-replicas=4", "--replicas=6"})
            .exit_code != 0);
  MustRun(kubectl, {"scale", "crontab", "scaled", "--current-replicas=5", "--replicas=6"});
  CHECK(MustRun(kubectl, {"get", "crontab", "scaled", "-o", "jsonpath={.spec.replicas}"}).out ==
        "6");
}

TEST_CASE("The garbage collector follows owner references to and from custom resources",
          "[crd][kubectl][gc]") {
  REQUIRE_KUBECTL_1_32(binary);
  ApiServerProcess server({"--grpc-port=auto"});
  REQUIRE_STARTED(server);
  ControllerManagerProcess manager(server, {"--controllers", "garbagecollector"});
  std::string why;
  REQUIRE(manager.Start(&why));
  Kubectl kubectl(server, binary);
  Establish(kubectl, CronTabCrd(), kCronTabs);

  // A ConfigMap owned by a CronTab (an operator's child) goes with its owner.
  MustRun(kubectl, {"create", "-f", "-"}, CronTab("owner", 1));
  const std::string uid =
      MustRun(kubectl, {"get", "crontab", "owner", "-o", "jsonpath={.metadata.uid}"}).out;
  MustRun(kubectl, {"create", "-f", "-"},
          "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: child\n  ownerReferences:\n"
          "  - {apiVersion: stable.example.com/v1, kind: CronTab, name: owner, uid: " +
              uid + "}\n");
  // A CronTab owned by a ConfigMap goes with its owner too.
  MustRun(kubectl, {"create", "configmap", "parent"});
  const std::string parent_uid =
      MustRun(kubectl, {"get", "configmap", "parent", "-o", "jsonpath={.metadata.uid}"}).out;
  MustRun(kubectl, {"create", "-f", "-"},
          "apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata:\n  name: dependent\n"
          "  ownerReferences:\n  - {apiVersion: v1, kind: ConfigMap, name: parent, uid: " +
              parent_uid + "}\nspec: {replicas: 1}\n");

  MustRun(kubectl, {"delete", "crontab", "owner"});
  MustRun(kubectl, {"delete", "configmap", "parent"});
  CHECK(Eventually([&] { return kubectl.Run({"get", "configmap", "child"}).exit_code != 0; }));
  CHECK(Eventually([&] { return kubectl.Run({"get", "crontab", "dependent"}).exit_code != 0; }));
}

}  // namespace
}  // namespace kube::testing
