// The kubelet's HTTP server and the apiserver's pods/log and pods/exec, end to
// end: the real apiserver, a kubelet on the fake runtime and the real kubectl.
//
// The fake runtime runs no processes. A container's log is the CRI log file the
// fake writes ("fake container started", "... exited with code N"); the tests
// append lines to that file as a running container would. Exec runs the fake's
// tiny script interpreter (echo, exit N, `sh -c "a; b"`), not a real shell.

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <thread>

#include "absl/strings/match.h"
#include "absl/time/clock.h"
#include "tests/integration/integration_helpers.h"
#include "tests/support/api_client.h"
#include "tests/support/kubelet_fixture.h"

namespace kube::testing {
namespace {

using k8s::core::v1::Pod;

bool Running(const Pod& pod) { return pod.status().phase() == "Running"; }

// The CRI log file of the pod's container (first instance), as kubelet/pods
// names it: <root-dir>/pods/<uid>/<container>/<restart>.log.
std::string LogPath(KubeletCluster& cluster, const Pod& pod, const std::string& container) {
  return cluster.kubelet().root_dir() + "/pods/" + pod.metadata().uid() + "/" + container +
         "/0.log";
}

// Appends lines to a container's log as the runtime writes them.
void AppendLog(const std::string& path, const std::vector<std::string>& lines) {
  std::ofstream out(path, std::ios::app);
  for (const std::string& line : lines) {
    out << absl::FormatTime("%Y-%m-%dT%H:%M:%E9SZ", absl::Now(), absl::UTCTimeZone())
        << " stdout F " << line << "\n";
  }
}

TEST_CASE("kubectl logs prints a container's log, its tail and timestamps",
          "[kubelet-server]") {
  REQUIRE_KUBECTL();
  KubeletCluster cluster;
  cluster.Create(BoundPod("counter", "node-1"));
  auto pod = cluster.WaitForPod("counter", Running);
  REQUIRE(pod != nullptr);
  const std::string path = LogPath(cluster, *pod, "app");
  REQUIRE(WaitUntil([&] { return std::filesystem::exists(path); }, absl::Seconds(10)));
  AppendLog(path, {"0: Mon Jan 1", "1: Mon Jan 1", "2: Mon Jan 1"});
  Kubectl kubectl(cluster.server());

  CommandResult all = kubectl.Run({"logs", "counter"});
  INFO(all.err);
  REQUIRE(all.exit_code == 0);
  CHECK(all.out == "fake container started\n0: Mon Jan 1\n1: Mon Jan 1\n2: Mon Jan 1\n");

  CommandResult tail = kubectl.Run({"logs", "counter", "--tail=2"});
  INFO(tail.err);
  REQUIRE(tail.exit_code == 0);
  CHECK(tail.out == "1: Mon Jan 1\n2: Mon Jan 1\n");

  CommandResult stamped = kubectl.Run({"logs", "counter", "--timestamps", "--tail=1"});
  INFO(stamped.err);
  REQUIRE(stamped.exit_code == 0);
  // 2026-11-25T01:02:03.123456789Z 2: Mon Jan 1
  REQUIRE(stamped.out.size() > 31);
  CHECK(stamped.out[4] == '-');
  CHECK(stamped.out[10] == 'T');
  CHECK(stamped.out.substr(stamped.out.find(' ')) == " 2: Mon Jan 1\n");

  CommandResult limited = kubectl.Run({"logs", "counter", "--limit-bytes=4"});
  CHECK(limited.out == "fake");
  CommandResult since = kubectl.Run({"logs", "counter", "--since=1h"});
  CHECK(since.out == all.out);

  // Errors come back as the apiserver's Status.
  CommandResult wrong = kubectl.Run({"logs", "counter", "-c", "nope"});
  CHECK(wrong.exit_code != 0);
  CHECK(absl::StrContains(wrong.err, "container nope is not valid for pod counter"));
  CommandResult previous = kubectl.Run({"logs", "counter", "--previous"});
  CHECK(previous.exit_code != 0);
  CHECK(absl::StrContains(previous.err, "previous terminated container"));
}

TEST_CASE("kubectl logs -f streams new lines and ends when the container exits",
          "[kubelet-server]") {
  REQUIRE_KUBECTL();
  KubeletCluster cluster;
  Pod spec = BoundPod("follow", "node-1", {"app"}, {{"fake.kubelet.kube/exit-after", "6s"}});
  spec.mutable_spec()->set_restartpolicy("Never");
  cluster.Create(spec);
  auto pod = cluster.WaitForPod("follow", Running);
  REQUIRE(pod != nullptr);
  const std::string path = LogPath(cluster, *pod, "app");
  Kubectl kubectl(cluster.server());
  absl::Time appended = absl::InfiniteFuture();
  std::thread writer([&] {
    absl::SleepFor(absl::Seconds(1));
    AppendLog(path, {"streamed line"});
    appended = absl::Now();
  });
  CommandResult followed = kubectl.Run({"logs", "-f", "follow"}, "", absl::Seconds(40));
  absl::Time ended = absl::Now();
  writer.join();
  INFO(followed.err);
  CHECK_FALSE(followed.timed_out);
  CHECK(followed.exit_code == 0);
  CHECK(followed.out ==
        "fake container started\nstreamed line\nfake container exited with code 0\n");
  // It was still streaming when the line was written, and ended on its own.
  CHECK(ended > appended);
  auto finished = cluster.WaitForPod("follow", [](const Pod& p) {
    return p.status().phase() == "Succeeded";
  });
  CHECK(finished != nullptr);
}

TEST_CASE("kubectl logs --previous shows the instance before a restart", "[kubelet-server]") {
  REQUIRE_KUBECTL();
  KubeletCluster cluster;
  cluster.Create(BoundPod("crashy", "node-1", {"app"},
                          {{"fake.kubelet.kube/exit-code", "1"},
                           {"fake.kubelet.kube/exit-after", "1s"}}));
  auto restarted = cluster.WaitForPod("crashy", [](const Pod& p) {
    return p.status().containerstatuses_size() == 1 &&
           p.status().containerstatuses(0).restartcount() >= 1;
  });
  REQUIRE(restarted != nullptr);
  Kubectl kubectl(cluster.server());
  CommandResult previous = kubectl.Run({"logs", "crashy", "--previous"});
  INFO(previous.err);
  CHECK(previous.exit_code == 0);
  CHECK(previous.out == "fake container started\nfake container exited with code 1\n");
}

TEST_CASE("a followed log stops when its client goes away", "[kubelet-server]") {
  REQUIRE_KUBECTL();
  KubeletCluster cluster;
  cluster.Create(BoundPod("long", "node-1"));
  REQUIRE(cluster.WaitForPod("long", Running) != nullptr);
  Kubectl kubectl(cluster.server());
  // kubectl is killed at its timeout while the container runs on.
  CommandResult cut = kubectl.Run({"logs", "-f", "long"}, "", absl::Seconds(2));
  CHECK(cut.timed_out);
  CHECK(cut.out == "fake container started\n");
  bool stopped = WaitUntil(
      [&] {
        return absl::StrContains(cluster.kubelet().log(),
                                 "stopped following the log of default/long/app");
      },
      absl::Seconds(10));
  CHECK(stopped);
}

TEST_CASE("kubectl exec runs a command and returns its exit code", "[kubelet-server]") {
  REQUIRE_KUBECTL();
  KubeletCluster cluster;
  cluster.Create(BoundPod("shell", "node-1", {"main", "side"}));
  REQUIRE(cluster.WaitForPod("shell", Running) != nullptr);
  Kubectl kubectl(cluster.server());

  CommandResult failed =
      kubectl.Run({"exec", "shell", "-c", "main", "--", "sh", "-c", "echo hello; exit 3"});
  INFO(failed.err);
  CHECK(failed.exit_code == 3);
  CHECK(failed.out == "hello\n");

  CommandResult ok = kubectl.Run({"exec", "shell", "-c", "side", "--", "echo", "hi", "there"});
  INFO(ok.err);
  CHECK(ok.exit_code == 0);
  CHECK(ok.out == "hi there\n");

  CommandResult to_stderr =
      kubectl.Run({"exec", "shell", "-c", "main", "--", "sh", "-c", "echo oops >&2"});
  CHECK(to_stderr.exit_code == 0);
  CHECK(to_stderr.out.empty());
  CHECK(absl::StrContains(to_stderr.err, "oops"));

  // Without -c, kubectl picks the first container itself (and says so).
  CommandResult defaulted = kubectl.Run({"exec", "shell", "--", "echo", "x"});
  CHECK(defaulted.exit_code == 0);
  CHECK(defaulted.out == "x\n");
}

TEST_CASE("kubectl exec into a container that has exited says so", "[kubelet-server]") {
  REQUIRE_KUBECTL();
  KubeletCluster cluster;
  Pod spec = BoundPod("half", "node-1", {"main", "done"},
                      {{"fake.kubelet.kube/exit-code.done", "0"}});
  spec.mutable_spec()->set_restartpolicy("Never");
  cluster.Create(spec);
  auto pod = cluster.WaitForPod("half", [](const Pod& p) {
    return Running(p) && p.status().containerstatuses_size() == 2 &&
           p.status().containerstatuses(1).state().has_terminated();
  });
  REQUIRE(pod != nullptr);
  Kubectl kubectl(cluster.server());
  // kubectl retries a refused WebSocket over SPDY; the second answer still
  // names the problem.
  CommandResult refused = kubectl.Run({"exec", "half", "-c", "done", "--", "echo", "x"});
  CHECK(refused.exit_code == 1);
  CHECK(absl::StrContains(refused.err, "container \"done\" in pod \"half\" is not running"));
}

TEST_CASE("pods/log and pods/exec refuse clearly before reaching a kubelet",
          "[kubelet-server]") {
  KubeletCluster cluster;
  ApiClient api(cluster.server());
  const std::string pods = "/api/v1/namespaces/default/pods";
  CHECK(api.Get(pods + "/ghost/log").status == 404);

  cluster.Create(BoundPod("pair", "node-1", {"a", "b"}));
  HttpResult unnamed = api.Get(pods + "/pair/log");
  CHECK(unnamed.status == 400);
  CHECK(absl::StrContains(unnamed.body,
                          "a container name must be specified for pod pair, choose one of: [a b]"));

  // Not scheduled: the container is waiting to start.
  Pod pending = BoundPod("pending", "");
  cluster.Create(pending);
  HttpResult waiting = api.Get(pods + "/pending/log");
  CHECK(waiting.status == 400);
  CHECK(absl::StrContains(waiting.body,
                          "container \\\"app\\\" in pod \\\"pending\\\" is waiting to start: "
                          "ContainerCreating"));

  // A container that cannot start has no log yet; the reason says why.
  Pod unpullable = BoundPod("unpullable", "node-1");
  unpullable.mutable_spec()->mutable_containers(0)->set_image("registry.invalid/app:1");
  cluster.Create(unpullable);
  REQUIRE(cluster.WaitForPod("unpullable", [](const Pod& p) {
    return p.status().containerstatuses_size() == 1 &&
           p.status().containerstatuses(0).state().has_waiting() &&
           !p.status().containerstatuses(0).state().waiting().reason().empty() &&
           p.status().containerstatuses(0).state().waiting().reason() != "ContainerCreating";
  }) != nullptr);
  HttpResult pull = api.Get(pods + "/unpullable/log");
  CHECK(pull.status == 400);
  CHECK((absl::StrContains(pull.body, "is waiting to start: ErrImagePull") ||
         absl::StrContains(pull.body, "is waiting to start: ImagePullBackOff")));

  // SPDY is refused with a Status saying why (kubectl tries WebSocket first); the
  // kubelet answers port-forward's through the apiserver's tunnel.
  REQUIRE(cluster.WaitForPod("pair", Running) != nullptr);
  ApiClient admin(cluster.server());
  httplib::Client& raw = admin.raw();
  auto spdy = raw.Post(pods + "/pair/exec?container=a&command=true&stdout=true",
                       {{"Connection", "Upgrade"},
                        {"Upgrade", "SPDY/3.1"},
                        {"X-Stream-Protocol-Version", "v4.channel.k8s.io"}},
                       "", "text/plain");
  REQUIRE(spdy);
  CHECK(spdy->status == 400);
  CHECK(absl::StrContains(spdy->body, "does not speak SPDY"));
  auto forward = raw.Post(pods + "/pair/portforward", {{"Upgrade", "SPDY/3.1"}}, "", "text/plain");
  REQUIRE(forward);
  CHECK(forward->status == 400);
  CHECK(absl::StrContains(forward->body, "port forwarding needs a WebSocket upgrade"));

  // With its kubelet gone, the node's pods answer 503.
  cluster.kubelet().Kill9();
  HttpResult dead = api.Get(pods + "/pair/log?container=a");
  CHECK(dead.status == 503);
  CHECK(absl::StrContains(dead.body, "error dialing backend"));
}

TEST_CASE("the kubelet serves healthz, pods, stats and metrics", "[kubelet-server]") {
  KubeletCluster cluster;
  cluster.Create(BoundPod("web", "node-1"));
  REQUIRE(cluster.WaitForPod("web", Running) != nullptr);
  // The admin's certificate: system:masters, whom the apiserver allows everything.
  ApiClient as_admin = ApiClient::Daemon(cluster.kubelet().port(), TestPki::Shared().admin());
  httplib::Client& kubelet = as_admin.raw();
  auto healthz = kubelet.Get("/healthz");
  REQUIRE(healthz);
  CHECK(healthz->status == 200);
  CHECK(healthz->body == "ok");

  bool listed = WaitUntil([&] {
    auto pods = kubelet.Get("/pods");
    return pods && pods->status == 200 &&
           absl::StrContains(pods->body, "\"kind\":\"PodList\"") &&
           absl::StrContains(pods->body, "\"name\":\"web\"");
  }, absl::Seconds(10));
  CHECK(listed);

  auto summary = kubelet.Get("/stats/summary");
  REQUIRE(summary);
  CHECK(summary->status == 200);
  CHECK(absl::StrContains(summary->body, "\"nodeName\":\"node-1\""));
  CHECK(absl::StrContains(summary->body, "\"availableBytes\""));
  CHECK(absl::StrContains(summary->body, "\"podRef\":{\"name\":\"web\",\"namespace\":\"default\""));

  auto metrics = kubelet.Get("/metrics");
  REQUIRE(metrics);
  CHECK(metrics->status == 200);
  CHECK(absl::StrContains(metrics->body, "kubelet_running_pods 1\n"));

  // The Node advertises the port the apiserver proxies to.
  auto node = cluster.client().Get<k8s::core::v1::Node>("", "node-1");
  REQUIRE(node.ok());
  CHECK((*node)->status().daemonendpoints().kubeletendpoint().port() == cluster.kubelet().port());
}

// The kubelet's port as upstream's with webhook authentication and authorization:
// every path needs a user (401 "Unauthorized" otherwise, /healthz included), and
// the apiserver decides by a SubjectAccessReview on the node's subresource.
TEST_CASE("the kubelet's port authenticates and authorizes every request", "[kubelet-server]") {
  KubeletCluster cluster;
  ApiClient admin(cluster.server());
  auto create = [&](const std::string& path, const std::string& json) {
    HttpResult created = admin.Post(path, json);
    INFO(path << ": " << created.body);
    REQUIRE(created.status == 201);
  };
  // "scraper" may read metrics and stats (as a monitoring role grants), not the rest.
  create("/apis/rbac.authorization.k8s.io/v1/clusterroles",
         R"({"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole",)"
         R"("metadata":{"name":"node-metrics"},"rules":[{"apiGroups":[""],)"
         R"("resources":["nodes/metrics","nodes/stats"],"verbs":["get"]}]})");
  create("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings",
         R"({"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding",)"
         R"("metadata":{"name":"node-metrics"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io",)"
         R"("kind":"ClusterRole","name":"node-metrics"},)"
         R"("subjects":[{"kind":"User","apiGroup":"rbac.authorization.k8s.io","name":"scraper"}]})");
  // ServiceAccount default/operator holds upstream's system:kubelet-api-admin.
  create("/api/v1/namespaces/default/serviceaccounts",
         R"({"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"operator"}})");
  create("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings",
         R"({"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding",)"
         R"("metadata":{"name":"operator"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io",)"
         R"("kind":"ClusterRole","name":"system:kubelet-api-admin"},)"
         R"("subjects":[{"kind":"ServiceAccount","name":"operator","namespace":"default"}]})");
  HttpResult issued =
      admin.Post("/api/v1/namespaces/default/serviceaccounts/operator/token",
                 R"({"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","spec":{}})");
  REQUIRE(issued.status == 201);
  const std::string token = JsonString(ParseJson(issued.body), "/status/token");
  REQUIRE_FALSE(token.empty());

  const int port = cluster.kubelet().port();
  for (const char* path : {"/pods", "/healthz", "/metrics"}) {
    INFO(path);
    HttpResult anonymous = ApiClient::Daemon(port).Get(path, "*/*");
    CHECK(anonymous.status == 401);
    CHECK(anonymous.body == "Unauthorized");
  }
  HttpResult junk = ApiClient::Daemon(port, {}, "not-a-token").Get("/pods", "*/*");
  CHECK(junk.status == 401);

  // The node's own identity may not use its kubelet's API (system:node has no
  // nodes/proxy), in upstream's words.
  ApiClient node = ApiClient::Daemon(
      port, TestPki::Shared().Issue("system:node:node-1", {"system:nodes"}));
  HttpResult pods = node.Get("/pods", "*/*");
  CHECK(pods.status == 403);
  CHECK(pods.body ==
        "Forbidden (user=system:node:node-1, verb=get, resource=nodes, subresource=proxy)");

  ApiClient scraper = ApiClient::Daemon(port, TestPki::Shared().Issue("scraper"));
  CHECK(scraper.Get("/metrics", "*/*").status == 200);
  CHECK(scraper.Get("/stats/summary", "*/*").status == 200);
  HttpResult exec = scraper.Post("/exec/default/web/app?command=true", "", "text/plain");
  CHECK(exec.status == 403);
  CHECK(exec.body ==
        "Forbidden (user=scraper, verb=create, resource=nodes, subresource=proxy)");

  // A bearer token, reviewed by the apiserver, for an account bound to the
  // kubelet-api-admin role.
  ApiClient operator_client = ApiClient::Daemon(port, {}, token);
  HttpResult listed = operator_client.Get("/pods", "*/*");
  CHECK(listed.status == 200);
  CHECK(absl::StrContains(listed.body, "\"kind\":\"PodList\""));
}

// Without --tls-cert-file the kubelet serves a self-signed certificate it made once
// and keeps in --cert-dir (<root-dir>/pki), as upstream's kubelet.crt.
TEST_CASE("the kubelet keeps its self-signed serving certificate", "[kubelet-server]") {
  // Later flags win: these undo the test CA's serving certificate.
  KubeletCluster cluster({"--tls-cert-file=", "--tls-private-key-file="});
  const std::string pki = cluster.kubelet().root_dir() + "/pki";
  const std::string certificate = ReadFile(pki + "/kubelet.crt");
  REQUIRE(absl::StrContains(certificate, "BEGIN CERTIFICATE"));
  CHECK((std::filesystem::status(pki + "/kubelet.key").permissions() &
         std::filesystem::perms::all) == (std::filesystem::perms::owner_read |
                                          std::filesystem::perms::owner_write));
  auto serves = [&] {
    httplib::SSLClient client("127.0.0.1", cluster.kubelet().port(),
                              TestPki::Shared().admin().cert_file,
                              TestPki::Shared().admin().key_file);
    client.enable_server_certificate_verification(false);
    auto health = client.Get("/healthz");
    return health && health->status == 200;
  };
  CHECK(WaitUntil(serves, absl::Seconds(10)));
  std::string why;
  bool restarted = cluster.kubelet().Restart(&why);
  INFO(why);
  REQUIRE(restarted);
  CHECK(WaitUntil(serves, absl::Seconds(10)));
  CHECK(ReadFile(pki + "/kubelet.crt") == certificate);
}

}  // namespace
}  // namespace kube::testing
