// Services on a real three-node cluster (root only; SKIPPED with a reason otherwise):
// cluster-up --nodes 3 puts each node (containerd, kubelet, kube-proxy) in a network
// namespace of its own, the control plane and the DNS add-on in another. The talk's
// music store: music-db's four pods answer `http://music-db:9200` from every node
// through DNS and kube-proxy's rules; the music-ui LoadBalancer answers on every
// node; readiness, scaling, hairpin, deletion and a kube-proxy restart behave as
// upstream. Then the talk's rolling upgrade runs behind one Service under a polling
// client, and no request fails.
#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "common/util/strings.h"
#include "tests/support/apiserver_process.h"
#include "tests/support/real_cluster.h"
#include "tests/support/eventually.h"
#include "tests/integration/real_test_helpers.h"

namespace kube::testing {
namespace {

using k8s::core::v1::Pod;

constexpr int kNodes = 3;

RealClusterOptions ServicesClusterOptions() {
  RealClusterOptions options;
  options.nodes = kNodes;
  return options;
}

// `sh -c script` in the pod; its stdout.
CommandResult Exec(const RealCluster& cluster, const std::string& ns, const std::string& pod,
                   const std::string& script, absl::Duration timeout = absl::Seconds(60)) {
  return cluster.Kubectl({"exec", "-n", ns, pod, "--", "sh", "-c", script}, "", timeout);
}

std::vector<std::unique_ptr<Pod>> PodsWithLabel(const RealCluster& cluster, const std::string& ns,
                                                const std::string& selector) {
  client::ListOptions options;
  options.label_selector = selector;
  std::vector<std::unique_ptr<Pod>> out;
  auto list = cluster.client().List<Pod>(ns, options);
  if (!list.ok()) return out;
  for (auto& pod : list->items) out.push_back(std::move(pod));
  return out;
}

// Ready addresses of the Service's Endpoints.
int ReadyEndpoints(const RealCluster& cluster, const std::string& ns, const std::string& name) {
  auto endpoints = cluster.client().Get<k8s::core::v1::Endpoints>(ns, name);
  if (!endpoints.ok()) return -1;
  int ready = 0;
  for (const auto& subset : (*endpoints)->subsets()) ready += subset.addresses_size();
  return ready;
}

// A busybox pod pinned to node k that only waits, for running clients in.
std::string ClientPod(int node, const std::string& ns) {
  return StrCat(R"(apiVersion: v1
kind: Pod
metadata: {name: client-)", node, R"(, namespace: )", ns, R"(}
spec:
  nodeName: node-)", node, R"(
  terminationGracePeriodSeconds: 1
  containers:
  - {name: sh, image: busybox, args: [sh, -c, 'trap "exit 0" TERM; while true; do sleep 1; done']}
)");
}

void StartClients(const RealCluster& cluster, const std::string& ns) {
  for (int node = 1; node <= kNodes; ++node) MustKubectl(cluster, {"create", "-f", "-"}, ClientPod(node, ns));
  for (int node = 1; node <= kNodes; ++node) {
    REQUIRE(cluster.WaitForPod(StrCat("client-", node), PodRunning, absl::Seconds(90), ns) != nullptr);
  }
}

// The "host" of each JSON answer of music-db (`{"cluster_name":..,"host":"music-db-xxxx"}`).
std::map<std::string, int> HostsAnswering(const std::string& output) {
  std::map<std::string, int> hosts;
  for (absl::string_view line : absl::StrSplit(output, '\n')) {
    size_t at = line.find("\"host\":\"");
    if (at == absl::string_view::npos) continue;
    absl::string_view rest = line.substr(at + 8);
    hosts[std::string(rest.substr(0, rest.find('"')))]++;
  }
  return hosts;
}

std::string NatRules(const RealCluster& cluster, int node) {
  return cluster.RunOnNode(node, {"iptables-save", "-t", "nat"}).out;
}

TEST_CASE("the music store answers through DNS and kube-proxy on every node", "[real][services]") {
  REQUIRE_REAL_CLUSTER_PREREQUISITES();
  if (!Kubectl::Available()) {
    WARN("SKIPPED: /usr/bin/kubectl is not installed");
    return;
  }
  std::unique_ptr<RealCluster> cluster = StartRealCluster(ServicesClusterOptions());
  MustKubectl(*cluster, {"create", "namespace", "mytunes"});
  MustKubectl(*cluster, {"create", "-f", SourceDir() + "/deploy/examples/music-db.yaml"});
  REQUIRE(Eventually(
      [&] {
        auto pods = PodsWithLabel(*cluster, "mytunes", "app=music-db");
        int running = 0;
        for (const auto& pod : pods) running += PodRunning(*pod) && PodReadyCondition(*pod);
        return running == 4 && ReadyEndpoints(*cluster, "mytunes", "music-db") == 4;
      },
      absl::Seconds(120)));
  std::set<std::string> backends, nodes_used;
  for (const auto& pod : PodsWithLabel(*cluster, "mytunes", "app=music-db")) {
    backends.insert(pod->metadata().name());
    nodes_used.insert(pod->spec().nodename());
  }
  CHECK(nodes_used.size() == kNodes);  // the scheduler spreads the RC's pods
  StartClients(*cluster, "mytunes");

  auto service = cluster->client().Get<k8s::core::v1::Service>("mytunes", "music-db");
  REQUIRE(service.ok());
  const std::string cluster_ip = (*service)->spec().clusterip();

  SECTION("every name form answers from every node, and every backend serves") {
    for (int node = 1; node <= kNodes; ++node) {
      const std::string pod = StrCat("client-", node);
      for (const char* name : {"music-db", "music-db.mytunes", "music-db.mytunes.svc.cluster.local"}) {
        CommandResult got = Exec(*cluster, "mytunes", pod, StrCat("wget -qO- http://", name, ":9200/"));
        INFO("node-" << node << " " << name << ": " << got.out << got.err << cluster->LogTails(1500));
        CHECK(got.exit_code == 0);
        CHECK(absl::StrContains(got.out, "\"cluster_name\":\"mytunes-db\""));
      }
      // The upstream service variables are there too.
      CommandResult env = Exec(*cluster, "mytunes", pod, "echo $MUSIC_DB_SERVICE_HOST:$MUSIC_DB_SERVICE_PORT");
      CHECK(env.out == StrCat(cluster_ip, ":9200\n"));
    }
    CommandResult many = Exec(*cluster, "mytunes", "client-1",
                              "for i in $(seq 100); do wget -qO- http://music-db:9200/ || echo FAILED; echo; done",
                              absl::Seconds(120));
    REQUIRE(many.exit_code == 0);
    CHECK_FALSE(absl::StrContains(many.out, "FAILED"));
    std::map<std::string, int> hosts = HostsAnswering(many.out);
    int answers = 0;
    for (const auto& [host, count] : hosts) answers += count;
    CHECK(answers == 100);
    for (const std::string& backend : backends) {
      INFO(backend);
      CHECK(hosts[backend] >= 1);
    }
  }

  SECTION("scaled to one, requests keep succeeding, and the pod reaches itself (hairpin)") {
    MustKubectl(*cluster, {"scale", "-n", "mytunes", "rc/music-db", "--replicas=1"});
    REQUIRE(Eventually([&] { return ReadyEndpoints(*cluster, "mytunes", "music-db") == 1; },
                       absl::Seconds(60)));
    // Let every node's kube-proxy see the change (it syncs within its min period).
    REQUIRE(Eventually(
        [&] {
          for (int node = 1; node <= kNodes; ++node) {
            size_t endpoints = 0;
            for (absl::string_view line : absl::StrSplit(NatRules(*cluster, node), '\n')) {
              if (absl::StartsWith(line, "-A KUBE-SEP") &&
                  absl::StrContains(line, "mytunes/music-db") && absl::StrContains(line, "DNAT")) {
                ++endpoints;
              }
            }
            if (endpoints != 1) return false;
          }
          return true;
        },
        absl::Seconds(30)));
    CommandResult after = Exec(*cluster, "mytunes", "client-2",
                               "for i in $(seq 20); do wget -qO- http://music-db:9200/ || echo FAILED; echo; done");
    CHECK_FALSE(absl::StrContains(after.out, "FAILED"));
    CHECK(HostsAnswering(after.out).size() == 1);

    auto pods = PodsWithLabel(*cluster, "mytunes", "app=music-db");
    std::string survivor;
    for (const auto& pod : pods) {
      if (!pod->metadata().has_deletiontimestamp()) survivor = pod->metadata().name();
    }
    REQUIRE_FALSE(survivor.empty());
    CommandResult self = Exec(*cluster, "mytunes", survivor, "wget -qO- http://music-db:9200/");
    INFO(self.out << self.err);
    CHECK(absl::StrContains(self.out, StrCat("\"host\":\"", survivor, "\"")));
  }

  SECTION("the LoadBalancer music-ui answers on every node; the Service's deletion removes its rules") {
    MustKubectl(*cluster, {"create", "-f", SourceDir() + "/deploy/examples/music-ui.yaml"});
    REQUIRE(cluster->WaitForPod("music-ui", PodRunning, absl::Seconds(90), "mytunes") != nullptr);
    std::unique_ptr<k8s::core::v1::Service> ui;
    REQUIRE(Eventually(
        [&] {
          auto got = cluster->client().Get<k8s::core::v1::Service>("mytunes", "music-ui");
          if (!got.ok()) return false;
          ui = std::move(*got);
          return ui->status().loadbalancer().ingress_size() == kNodes &&
                 ReadyEndpoints(*cluster, "mytunes", "music-ui") == 1;
        },
        absl::Seconds(60)));
    const int node_port = ui->spec().ports(0).nodeport();
    REQUIRE(node_port >= 30000);
    for (int node = 1; node <= kNodes; ++node) {
      // From the control plane's namespace, outside every node: the UI's CGI asks
      // music-db through the cluster's DNS, so this crosses every layer.
      CommandResult got;
      Eventually(
          [&] {
            got = cluster->Run({"curl", "-sS", "-m", "5",
                                StrCat("http://", RealCluster::NodeIp(node), ":", node_port, "/cgi-bin/db")});
            return got.exit_code == 0;
          },
          absl::Seconds(20));
      INFO("node-" << node << ": " << got.out << got.err);
      CHECK(absl::StrContains(got.out, "\"cluster_name\":\"mytunes-db\""));
      const std::string ingress = ui->status().loadbalancer().ingress(node - 1).ip();
      CommandResult lb = cluster->Run({"curl", "-sS", "-m", "5", StrCat("http://", ingress, ":5601/cgi-bin/db")});
      INFO("ingress " << ingress << ": " << lb.out << lb.err);
      CHECK(absl::StrContains(lb.out, "\"cluster_name\":\"mytunes-db\""));
    }

    REQUIRE(absl::StrContains(NatRules(*cluster, 1), "mytunes/music-db"));
    MustKubectl(*cluster, {"delete", "-n", "mytunes", "service", "music-db"});
    CHECK(Eventually(
        [&] {
          for (int node = 1; node <= kNodes; ++node) {
            if (absl::StrContains(NatRules(*cluster, node), "mytunes/music-db")) return false;
          }
          return true;
        },
        absl::Seconds(30)));
    CommandResult gone = Exec(*cluster, "mytunes", "client-1", StrCat("wget -qO- http://", cluster_ip, ":9200/"));
    CHECK(gone.exit_code != 0);
  }

  SECTION("a readiness failure takes a pod out of rotation") {
    MustKubectl(*cluster, {"create", "-f", "-"}, R"(apiVersion: v1
kind: ReplicationController
metadata: {name: gated, namespace: mytunes}
spec:
  replicas: 2
  selector: {app: gated}
  template:
    metadata: {labels: {app: gated}}
    spec:
      terminationGracePeriodSeconds: 1
      containers:
      - name: web
        image: busybox
        args: [sh, -c, 'mkdir -p /www && hostname > /www/index.html && touch /tmp/ready && httpd -f -p 8080 -h /www']
        readinessProbe:
          exec: {command: [test, -f, /tmp/ready]}
          periodSeconds: 1
          failureThreshold: 1
---
apiVersion: v1
kind: Service
metadata: {name: gated, namespace: mytunes}
spec:
  selector: {app: gated}
  ports: [{port: 80, targetPort: 8080}]
)");
    REQUIRE(Eventually([&] { return ReadyEndpoints(*cluster, "mytunes", "gated") == 2; },
                       absl::Seconds(90)));
    auto pods = PodsWithLabel(*cluster, "mytunes", "app=gated");
    REQUIRE(pods.size() == 2);
    const std::string unready = pods[0]->metadata().name();
    const std::string ready = pods[1]->metadata().name();
    REQUIRE(Exec(*cluster, "mytunes", unready, "rm /tmp/ready").exit_code == 0);
    REQUIRE(Eventually([&] { return ReadyEndpoints(*cluster, "mytunes", "gated") == 1; },
                       absl::Seconds(30)));
    // Allow kube-proxy its sync, then every request lands on the ready pod.
    REQUIRE(Eventually(
        [&] {
          CommandResult one = Exec(*cluster, "mytunes", "client-3", "for i in $(seq 10); do wget -qO- http://gated/; done");
          return one.exit_code == 0 && !absl::StrContains(one.out, unready);
        },
        absl::Seconds(30)));
    CommandResult many = Exec(*cluster, "mytunes", "client-3",
                              "for i in $(seq 30); do wget -qO- http://gated/ || echo FAILED; done");
    CHECK_FALSE(absl::StrContains(many.out, "FAILED"));
    CHECK_FALSE(absl::StrContains(many.out, unready));
    CHECK(absl::StrContains(many.out, ready));
  }

  SECTION("kube-proxy killed and restarted keeps an established connection flowing") {
    // A server that keeps what one connection brings (its stdin held open: busybox's
    // nc ends a connection at the end of its own input), and a client that sends a
    // line a second through the Service for 12 s.
    MustKubectl(*cluster, {"create", "-f", "-"}, R"(apiVersion: v1
kind: Pod
metadata: {name: sink, namespace: mytunes, labels: {app: sink}}
spec:
  nodeName: node-2
  terminationGracePeriodSeconds: 1
  containers:
  - {name: nc, image: busybox, args: [sh, -c, 'sleep 3600 | nc -l -p 7000 > /tmp/received']}
---
apiVersion: v1
kind: Service
metadata: {name: sink, namespace: mytunes}
spec:
  selector: {app: sink}
  ports: [{port: 7000}]
)");
    REQUIRE(Eventually([&] { return ReadyEndpoints(*cluster, "mytunes", "sink") == 1; },
                       absl::Seconds(90)));
    REQUIRE(Eventually([&] { return absl::StrContains(NatRules(*cluster, 1), "mytunes/sink"); },
                       absl::Seconds(30)));
    // kubectl exec runs the sender in the background of the test.
    Subprocess sender({"kubectl", "--kubeconfig", cluster->data_dir() + "/admin.kubeconfig", "exec",
                       "-n", "mytunes", "client-1", "--", "sh", "-c",
                       "for i in $(seq 12); do echo line-$i; sleep 1; done | nc sink 7000"},
                      cluster->data_dir() + "/logs/sender.log");
    absl::SleepFor(absl::Seconds(3));
    const pid_t old_proxy = cluster->KubeProxyPid(1);
    cluster->KillKubeProxy(1);
    absl::Status up = cluster->Up();
    INFO(up);
    REQUIRE(up.ok());
    CHECK(cluster->KubeProxyPid(1) != old_proxy);
    int sent = sender.Wait(absl::Seconds(40));
    INFO(ReadFile(cluster->data_dir() + "/logs/sender.log"));
    CHECK(sent == 0);
    CommandResult received;
    Eventually(
        [&] {
          received = Exec(*cluster, "mytunes", "sink", "cat /tmp/received");
          return absl::StrContains(received.out, "line-12\n");
        },
        absl::Seconds(20));
    INFO(received.out << received.err);
    CHECK(absl::StrContains(received.out, "line-1\n"));
    CHECK(absl::StrContains(received.out, "line-12\n"));
    // The restarted kube-proxy still serves new connections.
    CHECK(Exec(*cluster, "mytunes", "client-1", "wget -qO- http://music-db:9200/").exit_code == 0);
  }
}

// The talk's rolling upgrade (shared/examples/rolling-upgrade.yaml) behind one
// Service, with a readiness probe and a preStop sleep in the templates: while a
// client polls the Service, the upgrade steps 3/1, 2/2, 1/3, 0/4 and no request
// fails.
constexpr char kBackend[] = R"(apiVersion: v1
kind: ReplicationController
metadata: {name: backend-VERSION}
spec:
  replicas: REPLICAS
  selector: {app: backend, version: VERSION}
  template:
    metadata:
      labels: {app: backend, version: VERSION}
    spec:
      terminationGracePeriodSeconds: 10
      containers:
      - name: backend
        image: busybox
        args: [sh, -c, 'mkdir -p /www && echo VERSION > /www/index.html && exec httpd -f -p 8080 -h /www']
        ports: [{containerPort: 8080}]
        readinessProbe:
          httpGet: {path: /, port: 8080}
          periodSeconds: 1
        lifecycle:
          preStop:
            exec: {command: [sleep, '4']}
)";

std::string Backend(const std::string& version, int replicas) {
  std::string text = kBackend;
  for (size_t at; (at = text.find("VERSION")) != std::string::npos;) text.replace(at, 7, version);
  text.replace(text.find("REPLICAS"), 8, std::to_string(replicas));
  return text;
}

TEST_CASE("the rolling upgrade runs behind one Service and no request fails", "[real][services]") {
  REQUIRE_REAL_CLUSTER_PREREQUISITES();
  if (!Kubectl::Available()) {
    WARN("SKIPPED: /usr/bin/kubectl is not installed");
    return;
  }
  std::unique_ptr<RealCluster> cluster = StartRealCluster(ServicesClusterOptions());
  MustKubectl(*cluster, {"create", "-f", "-"}, Backend("v1.2", 4));
  MustKubectl(*cluster, {"create", "-f", "-"}, Backend("v1.3", 0));
  MustKubectl(*cluster, {"create", "-f", "-"}, R"(apiVersion: v1
kind: Service
metadata: {name: backend}
spec:
  selector: {app: backend}
  ports: [{port: 80, targetPort: 8080}]
)");
  REQUIRE(Eventually([&] { return ReadyEndpoints(*cluster, "default", "backend") == 4; },
                     absl::Seconds(120)));
  StartClients(*cluster, "default");
  REQUIRE(Eventually(
      [&] { return Exec(*cluster, "default", "client-1", "wget -qO- http://backend/").out == "v1.2\n"; },
      absl::Seconds(30)));

  // The poller runs in the client until /tmp/stop appears; every answer (or FAILED)
  // is a line of /tmp/answers.
  Subprocess poller({"kubectl", "--kubeconfig", cluster->data_dir() + "/admin.kubeconfig", "exec",
                     "client-1", "--", "sh", "-c",
                     "while [ ! -f /tmp/stop ]; do wget -qO- http://backend/ || echo FAILED; "
                     "sleep 0.1; done > /tmp/answers"},
                    cluster->data_dir() + "/logs/poller.log");
  for (int step = 1; step <= 4; ++step) {
    MustKubectl(*cluster, {"scale", "rc/backend-v1.3", StrCat("--replicas=", step)});
    REQUIRE(Eventually(
        [&] {
          int ready = 0;
          for (const auto& pod : PodsWithLabel(*cluster, "default", "version=v1.3")) {
            ready += PodReadyCondition(*pod);
          }
          return ready == step;
        },
        absl::Seconds(60)));
    MustKubectl(*cluster, {"scale", "rc/backend-v1.2", StrCat("--replicas=", 4 - step)});
    REQUIRE(Eventually([&] { return ReadyEndpoints(*cluster, "default", "backend") == 4; },
                       absl::Seconds(60)));
  }
  // The last old pods finish their preStop sleep and go.
  REQUIRE(Eventually([&] { return PodsWithLabel(*cluster, "default", "version=v1.2").empty(); },
                     absl::Seconds(60)));
  absl::SleepFor(absl::Seconds(2));
  REQUIRE(Exec(*cluster, "default", "client-1", "touch /tmp/stop").exit_code == 0);
  CHECK(poller.Wait(absl::Seconds(20)) == 0);
  CommandResult answers = Exec(*cluster, "default", "client-1", "cat /tmp/answers");
  REQUIRE(answers.exit_code == 0);
  std::map<std::string, int> counts;
  for (absl::string_view line : absl::StrSplit(answers.out, '\n', absl::SkipEmpty())) {
    counts[std::string(line)]++;
  }
  std::string tally;
  for (const auto& [answer, count] : counts) tally += StrCat("[", answer, "]: ", count, "; ");
  INFO("answers: " << tally);
  CHECK_FALSE(counts.contains("FAILED"));
  CHECK(counts.contains("v1.2"));
  CHECK(counts.contains("v1.3"));
  CHECK(counts.size() == 2);  // nothing but the two versions' pages
  // After the upgrade only v1.3 answers.
  CommandResult last = Exec(*cluster, "default", "client-2",
                            "for i in $(seq 10); do wget -qO- http://backend/; done");
  std::string only_new;
  for (int i = 0; i < 10; ++i) only_new += "v1.3\n";
  CHECK(last.out == only_new);
}

}  // namespace
}  // namespace kube::testing
