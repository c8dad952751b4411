// scheduling.k8s.io, node.k8s.io and storage.k8s.io through the real kubectl:
// the system PriorityClasses, the Priority and DefaultStorageClass admission
// plugins, the tables and the immutable fields.

#include <catch2/catch.hpp>

#include "tests/integration/integration_helpers.h"

namespace kube::testing {
namespace {

TEST_CASE("kubectl get pc lists the system priority classes and keeps them across restarts") {
  REQUIRE_KUBECTL();
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl kubectl(server);
  std::string table = MustRun(kubectl, {"get", "pc"}).out;
  INFO(table);
  const std::vector<std::string> header = TableRow(table, "NAME");
  CHECK(header == std::vector<std::string>{"NAME", "VALUE", "GLOBAL-DEFAULT",
                                           "AGE", "PREEMPTIONPOLICY"});
  std::vector<std::string> cluster = TableRow(table, "system-cluster-critical");
  REQUIRE(cluster.size() == 5);
  CHECK(cluster[1] == "2000000000");
  CHECK(cluster[2] == "false");
  CHECK(cluster[4] == "PreemptLowerPriority");
  std::vector<std::string> node = TableRow(table, "system-node-critical");
  REQUIRE(node.size() == 5);
  CHECK(node[1] == "2000001000");

  const std::string uid =
      JsonPathOf(kubectl, "priorityclass/system-node-critical", ".metadata.uid");
  std::string why;
  REQUIRE(server.Restart(&why));
  // The classes are kept, not made again.
  CHECK(JsonPathOf(kubectl, "priorityclass/system-node-critical", ".metadata.uid") ==
        uid);
  CHECK(TableRow(MustRun(kubectl, {"get", "priorityclasses"}).out,
            "system-cluster-critical")
            .size() == 5);

  // The system classes cannot be changed or imitated.
  CommandResult revalued =
      kubectl.Run({"patch", "priorityclass", "system-node-critical", "-p",
                   R"({"value":5})"});
  CHECK(revalued.exit_code != 0);
  CHECK(Contains(revalued.err,
                 "value: Forbidden: may not be changed in an update."));
  CommandResult reserved =
      kubectl.Run({"create", "priorityclass", "system-mine", "--value=10"});
  CHECK(reserved.exit_code != 0);
  CHECK(Contains(reserved.err,
                 "priority class names with 'system-' prefix are reserved for "
                 "system use only. error: system-mine is not a known system "
                 "priority class"));
}

TEST_CASE("Pods get the priority of their PriorityClass") {
  REQUIRE_KUBECTL();
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl kubectl(server);
  MustRun(kubectl, {"apply", "-f", "-"}, R"(apiVersion: v1
kind: Pod
metadata: {name: critical}
spec:
  priorityClassName: system-cluster-critical
  containers: [{name: app, image: busybox}]
)");
  CHECK(JsonPathOf(kubectl, "pod/critical", ".spec.priority") == "2000000000");
  CHECK(JsonPathOf(kubectl, "pod/critical", ".spec.preemptionPolicy") ==
        "PreemptLowerPriority");

  CommandResult unknown = kubectl.Run({"apply", "-f", "-"}, R"(apiVersion: v1
kind: Pod
metadata: {name: orphan}
spec:
  priorityClassName: nope
  containers: [{name: app, image: busybox}]
)");
  CHECK(unknown.exit_code != 0);
  CHECK(Contains(
      unknown.err,
      "pods \"orphan\" is forbidden: no PriorityClass with name nope was "
      "found"));

  // One global default at most; classless pods get it.
  MustRun(kubectl, {"create", "priorityclass", "normal", "--value=1000",
                    "--global-default=true", "--preemption-policy=Never"});
  CommandResult second = kubectl.Run({"create", "priorityclass", "other",
                                      "--value=5", "--global-default=true"});
  CHECK(second.exit_code != 0);
  CHECK(Contains(second.err,
                 "PriorityClass normal is already marked as default. Only one "
                 "default can exist"));
  MustRun(kubectl, {"run", "plain", "--image=busybox", "--restart=Never"});
  CHECK(JsonPathOf(kubectl, "pod/plain", ".spec.priority") == "1000");
  CHECK(JsonPathOf(kubectl, "pod/plain", ".spec.priorityClassName") == "normal");
  CHECK(JsonPathOf(kubectl, "pod/plain", ".spec.preemptionPolicy") == "Never");
  std::vector<std::string> normal =
      TableRow(MustRun(kubectl, {"get", "pc"}).out, "normal");
  REQUIRE(normal.size() == 5);
  CHECK(normal[2] == "true");
  CHECK(normal[4] == "Never");
}

TEST_CASE("The default StorageClass is marked and given to classless claims") {
  REQUIRE_KUBECTL();
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl kubectl(server);
  MustRun(kubectl, {"apply", "-f", "-"}, R"(apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: standard
  annotations: {storageclass.kubernetes.io/is-default-class: "true"}
provisioner: rancher.io/local-path
volumeBindingMode: WaitForFirstConsumer
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: slow}
provisioner: example.com/hdd
reclaimPolicy: Retain
allowVolumeExpansion: true
)");
  std::string table = MustRun(kubectl, {"get", "sc"}).out;
  INFO(table);
  CHECK(TableRow(table, "NAME") ==
        std::vector<std::string>{"NAME", "PROVISIONER", "RECLAIMPOLICY",
                                 "VOLUMEBINDINGMODE", "ALLOWVOLUMEEXPANSION",
                                 "AGE"});
  std::vector<std::string> standard = TableRow(table, "standard");
  REQUIRE(standard.size() == 7); // "standard (default)" is two words
  CHECK(standard[1] == "(default)");
  CHECK(standard[2] == "rancher.io/local-path");
  CHECK(standard[3] == "Delete");
  CHECK(standard[4] == "WaitForFirstConsumer");
  CHECK(standard[5] == "false");
  std::vector<std::string> slow = TableRow(table, "slow");
  REQUIRE(slow.size() == 6);
  CHECK(slow[2] == "Retain");
  CHECK(slow[3] == "Immediate");
  CHECK(slow[4] == "true");

  MustRun(kubectl, {"apply", "-f", "-"}, R"(apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: chosen}
spec:
  storageClassName: slow
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
)");
  CHECK(JsonPathOf(kubectl, "pvc/data", ".spec.storageClassName") == "standard");
  CHECK(JsonPathOf(kubectl, "pvc/chosen", ".spec.storageClassName") == "slow");

  // Immutable fields are refused by name.
  CommandResult moved = kubectl.Run(
      {"patch", "sc", "standard", "-p", R"({"provisioner":"other.io/x"})"});
  CHECK(moved.exit_code != 0);
  CHECK(Contains(
      moved.err,
      "provisioner: Forbidden: updates to provisioner are forbidden."));
  CommandResult rebound =
      kubectl.Run({"patch", "sc", "slow", "-p",
                   R"({"volumeBindingMode":"WaitForFirstConsumer"})"});
  CHECK(rebound.exit_code != 0);
  CHECK(Contains(rebound.err, "volumeBindingMode: Invalid value: "
                              "\"WaitForFirstConsumer\": field is immutable"));
}

TEST_CASE("RuntimeClass create and get with an immutable handler; pods of a class get its overhead") {
  REQUIRE_KUBECTL();
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl kubectl(server);
  MustRun(kubectl, {"apply", "-f", "-"}, R"(apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata: {name: gvisor}
handler: runsc
overhead: {podFixed: {cpu: 250m, memory: 64Mi}}
scheduling:
  nodeSelector: {sandbox: gvisor}
  tolerations: [{key: sandbox, operator: Exists, effect: NoSchedule}]
)");
  std::string table = MustRun(kubectl, {"get", "runtimeclass"}).out;
  INFO(table);
  CHECK(TableRow(table, "NAME") ==
        std::vector<std::string>{"NAME", "HANDLER", "AGE"});
  std::vector<std::string> gvisor = TableRow(table, "gvisor");
  REQUIRE(gvisor.size() == 3);
  CHECK(gvisor[1] == "runsc");
  CHECK(JsonPathOf(kubectl, "runtimeclass/gvisor", ".overhead.podFixed.cpu") ==
        "250m");
  CHECK(JsonPathOf(kubectl, "runtimeclass/gvisor",
              ".scheduling.nodeSelector.sandbox") == "gvisor");

  CommandResult changed = kubectl.Run(
      {"patch", "runtimeclass", "gvisor", "-p", R"({"handler":"runc"})"});
  CHECK(changed.exit_code != 0);
  CHECK(Contains(changed.err,
                 "handler: Invalid value: \"runc\": field is immutable"));
  CommandResult invalid =
      kubectl.Run({"apply", "-f", "-"}, R"(apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata: {name: bad}
handler: Not_A_Label
)");
  CHECK(invalid.exit_code != 0);
  CHECK(Contains(invalid.err, "handler: Invalid value: \"Not_A_Label\""));

  // RuntimeClass admission: a pod of the class gets its overhead and scheduling; a
  // pod of a class that does not exist is refused.
  MustRun(kubectl, {"create", "-f", "-"}, R"(apiVersion: v1
kind: Pod
metadata: {name: sandboxed}
spec:
  runtimeClassName: gvisor
  containers: [{name: c, image: busybox}]
)");
  CHECK(JsonPathOf(kubectl, "pod/sandboxed", ".spec.overhead.memory") == "64Mi");
  CHECK(JsonPathOf(kubectl, "pod/sandboxed", ".spec.nodeSelector.sandbox") == "gvisor");
  CHECK(JsonPathOf(kubectl, "pod/sandboxed", ".spec.tolerations[0].key") == "sandbox");
  CommandResult unknown = kubectl.Run({"create", "-f", "-"}, R"(apiVersion: v1
kind: Pod
metadata: {name: nowhere}
spec:
  runtimeClassName: kata
  containers: [{name: c, image: busybox}]
)");
  CHECK(unknown.exit_code != 0);
  CHECK(Contains(unknown.err,
                 "pods \"nowhere\" is forbidden: pod rejected: RuntimeClass \"kata\" not found"));
}

TEST_CASE("CSIDriver defaults and the CSI tables") {
  REQUIRE_KUBECTL();
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl kubectl(server);
  MustRun(kubectl, {"apply", "-f", "-"}, R"(apiVersion: storage.k8s.io/v1
kind: CSIDriver
metadata: {name: csi.example.com}
spec: {}
---
apiVersion: storage.k8s.io/v1
kind: CSINode
metadata: {name: node-1}
spec:
  drivers: [{name: csi.example.com, nodeID: n1, topologyKeys: [zone]}]
---
apiVersion: storage.k8s.io/v1
kind: VolumeAttachment
metadata: {name: va-1}
spec:
  attacher: csi.example.com
  nodeName: node-1
  source: {persistentVolumeName: pv-1}
)");
  CHECK(JsonPathOf(kubectl, "csidriver/csi.example.com", ".spec.attachRequired") ==
        "true");
  CHECK(JsonPathOf(kubectl, "csidriver/csi.example.com", ".spec.fsGroupPolicy") ==
        "ReadWriteOnceWithFSType");
  std::vector<std::string> driver =
      TableRow(MustRun(kubectl, {"get", "csidrivers"}).out, "csi.example.com");
  REQUIRE(driver.size() == 8);
  CHECK(driver[1] == "true");
  CHECK(driver[4] == "<unset>");
  CHECK(driver[6] == "Persistent");
  std::vector<std::string> node =
      TableRow(MustRun(kubectl, {"get", "csinodes"}).out, "node-1");
  REQUIRE(node.size() == 3);
  CHECK(node[1] == "1");
  std::vector<std::string> attachment =
      TableRow(MustRun(kubectl, {"get", "volumeattachments"}).out, "va-1");
  REQUIRE(attachment.size() == 6);
  CHECK(attachment[2] == "pv-1");
  CHECK(attachment[4] == "false");
  CommandResult detached =
      kubectl.Run({"patch", "volumeattachment", "va-1", "--type=merge", "-p",
                   R"({"spec":{"nodeName":"node-2"}})"});
  CHECK(detached.exit_code != 0);
  CHECK(Contains(detached.err, "spec: Invalid value: "));
  CHECK(Contains(detached.err, "field is immutable"));
}

} // namespace
} // namespace kube::testing
