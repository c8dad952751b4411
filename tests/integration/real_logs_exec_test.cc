// kubectl logs and exec against a real container (root only; SKIPPED with a reason
// otherwise): the apiserver proxies to the kubelet's server, which reads the CRI log
// file containerd writes and runs commands through containerd.
#include <catch2/catch.hpp>

#include "absl/strings/match.h"
#include <regex>
#include <sstream>

#include "tests/support/apiserver_process.h"
#include "tests/support/real_cluster.h"

namespace kube::testing {
namespace {

using k8s::core::v1::Pod;

// Lines the counter printed: "<n>: <date>".
int CounterLines(const std::string& text) {
  static const std::regex kLine(R"(^\d+: \w{3} \w{3} +\d+ \d\d:\d\d:\d\d \w+ \d{4}$)");
  std::istringstream lines(text);
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) count += std::regex_match(line, kLine) ? 1 : 0;
  return count;
}

TEST_CASE("kubectl logs and exec on the counter pod", "[real]") {
  REQUIRE_REAL_CLUSTER_PREREQUISITES();
  if (!Kubectl::Available()) {
    WARN("SKIPPED: /usr/bin/kubectl is not installed");
    return;
  }
  auto started = RealCluster::Start();
  INFO((started.ok() ? "" : std::string(started.status().message())));
  REQUIRE(started.ok());
  RealCluster& cluster = **started;
  REQUIRE(cluster.Kubectl({"create", "namespace", "demo"}).exit_code == 0);
  CommandResult created =
      cluster.Kubectl({"create", "-f", SourceDir() + "/deploy/examples/counter-pod.yaml"});
  INFO(created.out << created.err);
  REQUIRE(created.exit_code == 0);
  REQUIRE(cluster.WaitForPod("counter", PodRunning, absl::Seconds(60), "demo") != nullptr);
  absl::SleepFor(absl::Seconds(3));  // a few lines to read

  CommandResult logs = cluster.Kubectl({"logs", "-n", "demo", "counter"});
  INFO(logs.out << logs.err);
  CHECK(logs.exit_code == 0);
  CHECK(CounterLines(logs.out) >= 3);
  CHECK_THAT(logs.out, Catch::StartsWith("0: "));

  CommandResult tail = cluster.Kubectl({"logs", "-n", "demo", "counter", "--tail", "2"});
  INFO(tail.out << tail.err);
  CHECK(tail.exit_code == 0);
  CHECK(CounterLines(tail.out) == 2);

  // -f keeps printing new lines until it is stopped.
  CommandResult follow =
      cluster.Kubectl({"logs", "-f", "-n", "demo", "counter", "--tail", "1"}, "", absl::Seconds(4));
  INFO(follow.out << follow.err);
  CHECK(follow.timed_out);
  CHECK(CounterLines(follow.out) >= 3);

  CommandResult exec = cluster.Kubectl(
      {"exec", "-n", "demo", "counter", "--", "sh", "-c", "echo from-inside; exit 3"});
  INFO(exec.out << exec.err);
  CHECK(exec.exit_code == 3);
  CHECK(exec.out == "from-inside\n");

  // Interactive: stdin reaches the command through containerd's streaming server.
  CommandResult interactive = cluster.Kubectl(
      {"exec", "-i", "-n", "demo", "counter", "--", "sh", "-c", "read line; echo got:$line; exit 4"},
      "typed-in\n");
  INFO(interactive.out << interactive.err);
  CHECK(interactive.out == "got:typed-in\n");
  CHECK(interactive.exit_code == 4);

  // The end of kubectl's stdin reaches the command (the kubelet half-closes the
  // runtime's SPDY stdin stream), so a command reading to EOF finishes by itself;
  // 100 KiB in and out both ways at once.
  std::string input;
  for (int i = 0; i < 10000; ++i) input += "line-of-input\n";
  CommandResult to_eof = cluster.Kubectl(
      {"exec", "-i", "-n", "demo", "counter", "--", "sh", "-c", "cat; echo done >&2; exit 5"}, input,
      absl::Seconds(30));
  INFO(to_eof.err);
  CHECK_FALSE(to_eof.timed_out);
  CHECK(to_eof.out == input);
  CHECK(absl::StartsWith(to_eof.err, "done\n"));  // then kubectl's own exit note
  CHECK(to_eof.exit_code == 5);

  // A terminal: one output stream, and stdin still ends.
  CommandResult tty = cluster.Kubectl(
      {"exec", "-i", "-t", "-n", "demo", "counter", "--", "sh", "-c", "read line; echo tty:$line"},
      "over-a-tty\n", absl::Seconds(30));
  INFO(tty.out << tty.err);
  CHECK_FALSE(tty.timed_out);
  CHECK(absl::StrContains(tty.out, "tty:over-a-tty"));
  CHECK(tty.exit_code == 0);
}

}  // namespace
}  // namespace kube::testing

namespace kube::testing {
namespace {

TEST_CASE("kubectl port-forward reaches a pod's port", "[real]") {
  REQUIRE_REAL_CLUSTER_PREREQUISITES();
  if (!Kubectl::Available()) {
    WARN("SKIPPED: /usr/bin/kubectl is not installed");
    return;
  }
  auto started = RealCluster::Start();
  INFO((started.ok() ? "" : std::string(started.status().message())));
  REQUIRE(started.ok());
  RealCluster& cluster = **started;
  REQUIRE(cluster.client()
              .Create(BusyboxPod("web", "mkdir -p /www && echo hello-from-pod > /www/index.html && "
                                        "exec httpd -f -p 8080 -h /www"))
              .ok());
  REQUIRE(cluster.WaitForPod("web", PodRunning) != nullptr);

  // kubectl tunnels SPDY inside its WebSocket; the kubelet relays it to containerd.
  const std::string log = cluster.data_dir() + "/logs/port-forward.log";
  Subprocess forward({"kubectl", "--kubeconfig", cluster.data_dir() + "/admin.kubeconfig",
                      "port-forward", "pod/web", "18090:8080"},
                     log);
  CommandResult got;
  for (int attempt = 0; attempt < 100; ++attempt) {
    got = cluster.Run({"curl", "-sS", "-m", "5", "http://127.0.0.1:18090/"});
    if (got.exit_code == 0) break;
    absl::SleepFor(absl::Milliseconds(200));
  }
  INFO(got.out << got.err << "\nkubectl:\n" << ReadFile(log) << cluster.LogTails(2000));
  CHECK(got.out == "hello-from-pod\n");
  // Each connection is a stream of its own in the one tunnel.
  for (int i = 0; i < 3; ++i) {
    CHECK(cluster.Run({"curl", "-sS", "-m", "5", "http://127.0.0.1:18090/"}).out ==
          "hello-from-pod\n");
  }
}

}  // namespace
}  // namespace kube::testing
