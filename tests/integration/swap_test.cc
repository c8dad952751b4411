// Swapping components: the API is the only contract between them, so another
// implementation can replace one of ours. Here a scheduler written with the
// official Python client (tests/swap/python_scheduler.py, Debian's
// python3-kubernetes) schedules a ReplicationController's pods beside our
// kube-scheduler, and our scheduler, controller-manager and kubelets all run over
// the REST transport (no gRPC served at all).

#include <catch2/catch.hpp>
#include <map>
#include <sstream>
#include <vector>

#include "tests/integration/integration_helpers.h"
#include "tests/support/apiserver_process.h"
#include "tests/support/controller_manager_process.h"
#include "tests/support/kubelet_fixture.h"
#include "tests/support/kubelet_process.h"
#include "tests/support/scheduler_process.h"

namespace kube::testing {
namespace {

constexpr char kPython[] = "/usr/bin/python3";  // Debian's, with python3-kubernetes

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

bool PythonClientInstalled() {
  return RunCommand({kPython, "-c", "import kubernetes"}).exit_code == 0;
}

TEST_CASE("a scheduler written with the Python client replaces kube-scheduler, ours run over REST",
          "[swap]") {
  if (!PythonClientInstalled()) {
    WARN("SKIPPED: " << kPython << " cannot import kubernetes (apt-get install python3-kubernetes)");
    return;
  }
  if (!Kubectl::Available()) {
    WARN("SKIPPED: /usr/bin/kubectl is not installed");
    return;
  }
  ApiServerProcess server;  // REST only: every component below uses it
  REQUIRE_STARTED(server);
  std::string why;
  ControllerManagerProcess manager(server, {}, /*use_grpc=*/false);
  if (!manager.Start(&why)) FAIL(why);
  SchedulerProcess scheduler(server, {}, /*use_grpc=*/false);
  if (!scheduler.Start(&why)) FAIL(why);
  KubeletProcess node_a(server, "node-a", {}, /*use_grpc=*/false);
  KubeletProcess node_b(server, "node-b", {}, /*use_grpc=*/false);
  if (!node_a.Start(&why)) FAIL(why);
  if (!node_b.Start(&why)) FAIL(why);
  Kubectl kubectl(server);
  REQUIRE(WaitUntil([&] {
    CommandResult nodes = kubectl.Run({"get", "nodes", "--no-headers"});
    return nodes.exit_code == 0 && Contains(nodes.out, "node-a   Ready") &&
           Contains(nodes.out, "node-b   Ready");
  }));

  Subprocess python({kPython, SourceDir() + "/tests/swap/python_scheduler.py", server.kubeconfig(),
                     "python-scheduler"},
                    server.data_dir() + "/../python-scheduler.log");
  auto python_log = [&server] { return ReadFile(server.data_dir() + "/../python-scheduler.log"); };

  CommandResult created = kubectl.Run({"create", "-f", "-"}, R"(apiVersion: v1
kind: ReplicationController
metadata: {name: by-python}
spec:
  replicas: 4
  selector: {app: by-python}
  template:
    metadata: {labels: {app: by-python}}
    spec:
      schedulerName: python-scheduler
      containers: [{name: app, image: busybox}]
---
apiVersion: v1
kind: Pod
metadata: {name: by-kube-scheduler}
spec:
  containers: [{name: app, image: busybox}]
)");
  INFO(created.out << created.err);
  REQUIRE(created.exit_code == 0);

  std::map<std::string, int> per_node;
  bool running = WaitUntil(
      [&] {
        CommandResult pods = kubectl.Run(
            {"get", "pods", "-l", "app=by-python", "--no-headers", "-o",
             "custom-columns=NODE:.spec.nodeName,PHASE:.status.phase"});
        per_node.clear();
        int count = 0;
        for (const std::string& line : SplitLines(pods.out)) {
          if (!Contains(line, "Running")) return false;
          per_node[line.substr(0, line.find(' '))]++;
          ++count;
        }
        return count == 4;
      },
      absl::Seconds(60));
  INFO("python scheduler log:\n" << python_log());
  REQUIRE(running);
  // It spreads them (by pods per node, counting the one kube-scheduler placed).
  CHECK(per_node["node-a"] >= 1);
  CHECK(per_node["node-b"] >= 1);
  CHECK(Contains(python_log(), "bound default/by-python-"));
  // kube-scheduler (over REST) schedules the pods that name it, and only those.
  REQUIRE(WaitUntil([&] {
    CommandResult pod = kubectl.Run({"get", "pod", "by-kube-scheduler", "-o",
                                     "jsonpath={.spec.nodeName} {.status.phase}"});
    return Contains(pod.out, "node-") && Contains(pod.out, "Running");
  }));
  CHECK_FALSE(Contains(python_log(), "by-kube-scheduler"));

  // The controller-manager (over REST) replaces a deleted pod; Python places it.
  REQUIRE(kubectl.Run({"delete", "pod", "-l", "app=by-python", "--wait=false"}).exit_code == 0);
  CHECK(WaitUntil(
      [&] {
        CommandResult pods = kubectl.Run({"get", "pods", "-l", "app=by-python", "--no-headers"});
        return SplitLines(pods.out).size() == 4 && !Contains(pods.out, "Terminating") &&
               !Contains(pods.out, "Pending") && Contains(pods.out, "Running");
      },
      absl::Seconds(60)));
}

}  // namespace
}  // namespace kube::testing
