// kube-proxy, the real binary, against the real apiserver, programming iptables in
// a network namespace this test creates (and removes): Services and Endpoints
// created through the API become rules, changes follow, a removed Service's rules
// go, a kill -9 and restart converges, /healthz and /metrics answer. Root only;
// elsewhere it says why and returns.

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include <httplib.h>

#include <catch2/catch.hpp>

#include "tests/integration/integration_helpers.h"
#include "tests/support/api_client.h"
#include "tests/support/subprocess.h"

namespace kube::testing {
namespace {

// `ip netns add NAME` with loopback and a veth pair kp0/kp1 (both ends inside)
// holding 10.123.0.2 and 10.123.0.3 and the default route; deleted on destruction.
class Netns {
 public:
  Netns() : name_("kp-test-" + std::to_string(getpid())) {
    ok_ = RunCommand({"ip", "netns", "add", name_}).exit_code == 0 &&
          Sh("ip link set lo up && ip link add kp0 type veth peer name kp1 && "
             "ip addr add 10.123.0.2/24 dev kp0 && ip addr add 10.123.0.3/24 dev kp0 && "
             "ip link set kp1 up && ip link set kp0 up && ip route add default dev kp0");
  }
  ~Netns() { RunCommand({"ip", "netns", "del", name_}); }
  bool ok() const { return ok_; }
  std::string path() const { return "/run/netns/" + name_; }
  std::vector<std::string> In(std::vector<std::string> argv) const {
    argv.insert(argv.begin(), {"nsenter", "--net=" + path()});
    return argv;
  }
  CommandResult Run(const std::vector<std::string>& argv) const { return RunCommand(In(argv)); }
  bool Sh(const std::string& command) const { return Run({"sh", "-c", command}).exit_code == 0; }

 private:
  std::string name_;
  bool ok_ = false;
};

// Moves the calling thread into a namespace until destruction, so that the
// apiserver it starts, the free ports it picks and its HTTP clients all live there.
class EnterNetns {
 public:
  explicit EnterNetns(const std::string& path) {
    original_ = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
    int target = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    ok_ = original_ >= 0 && target >= 0 && setns(target, CLONE_NEWNET) == 0;
    if (target >= 0) close(target);
  }
  ~EnterNetns() {
    if (ok_) setns(original_, CLONE_NEWNET);
    if (original_ >= 0) close(original_);
  }
  bool ok() const { return ok_; }

 private:
  int original_ = -1;
  bool ok_ = false;
};

bool WaitFor(const std::function<bool()>& condition, int seconds = 20) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return condition();
}

int Count(const std::string& text, const std::string& part) {
  int n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

std::string ServiceJson(const std::string& name) {
  return R"({"apiVersion":"v1","kind":"Service","metadata":{"name":")" + name +
         R"("},"spec":{"type":"NodePort","selector":{"app":")" + name +
         R"("},"ports":[{"name":"http","port":80,"targetPort":"web"}]}})";
}

std::string EndpointsJson(const std::string& name, const std::string& ip) {
  return R"({"apiVersion":"v1","kind":"Endpoints","metadata":{"name":")" + name +
         R"("},"subsets":[{"addresses":[{"ip":")" + ip +
         R"(","nodeName":"node-1"}],"notReadyAddresses":[{"ip":"10.123.0.9","nodeName":"node-1"}],)"
         R"("ports":[{"name":"http","port":8080,"protocol":"TCP"}]}]})";
}

}  // namespace

TEST_CASE("kube-proxy: services and endpoints from the API become iptables rules", "[kube-proxy]") {
  if (geteuid() != 0) {
    WARN("SKIPPED: kube-proxy's integration test needs root (network namespace, iptables)");
    return;
  }
  Netns netns;
  REQUIRE(netns.ok());
  EnterNetns entered(netns.path());
  REQUIRE(entered.ok());

  TempDir dir;
  for (const auto& [name, body] : {std::pair{"one", "one"}, std::pair{"two", "two"}}) {
    RunCommand({"mkdir", "-p", dir.path() + "/" + name});
    WriteFile(dir.path() + "/" + name + "/index.html", body);
  }
  Subprocess httpd_one(netns.In({"/bin/busybox", "httpd", "-f", "-p", "10.123.0.2:8080", "-h",
                                 dir.path() + "/one"}), dir.path() + "/httpd.log");
  Subprocess httpd_two(netns.In({"/bin/busybox", "httpd", "-f", "-p", "10.123.0.3:8080", "-h",
                                 dir.path() + "/two"}), dir.path() + "/httpd.log");

  ApiServerProcess server;
  REQUIRE_STARTED(server);
  ApiClient api(server);
  HttpResult created = api.Post("/api/v1/namespaces/default/services", ServiceJson("web"));
  REQUIRE(created.status == 201);
  const std::string cluster_ip = JsonString(ParseJson(created.body), "/spec/clusterIP");
  REQUIRE(!cluster_ip.empty());
  REQUIRE(api.Post("/api/v1/namespaces/default/endpoints", EndpointsJson("web", "10.123.0.2")).status == 201);
  REQUIRE(api.Post("/api/v1/namespaces/default/services", ServiceJson("gone")).status == 201);
  REQUIRE(api.Post("/api/v1/namespaces/default/endpoints", EndpointsJson("gone", "10.123.0.3")).status == 201);

  const int healthz_port = FreePort();
  const int metrics_port = FreePort();
  const std::string log = dir.path() + "/kube-proxy.log";
  const std::vector<std::string> argv = netns.In(
      {BinDir() + "/kube-proxy", "--kubeconfig", server.kubeconfig(), "--hostname-override", "node-1",
       "--cluster-cidr", "10.244.0.0/16", "--healthz-bind-address",
       "127.0.0.1:" + std::to_string(healthz_port), "--metrics-bind-address",
       "127.0.0.1:" + std::to_string(metrics_port), "--iptables-min-sync-period", "100ms", "-v", "2"});
  auto proxy = std::make_unique<Subprocess>(argv, log);
  auto save = [&] { return netns.Run({"iptables-save"}).out; };
  auto fetch = [&](const std::string& url) { return netns.Run({"curl", "-s", "-m", "5", url}).out; };
  INFO(ReadFile(log));

  REQUIRE(WaitFor([&] { return Contains(save(), "-j DNAT --to-destination 10.123.0.2:8080"); }));
  CHECK(!Contains(save(), "10.123.0.9"));  // not ready: no rule
  CHECK(Contains(save(), "\"default/web:http cluster IP\""));
  CHECK(fetch("http://" + cluster_ip + "/") == "one");

  httplib::Client healthz("127.0.0.1", healthz_port);
  auto health = healthz.Get("/healthz");
  REQUIRE(health);
  CHECK(health->status == 200);
  REQUIRE(WaitFor([&] {
    auto ready = healthz.Get("/readyz");
    return ready && ready->status == 200;
  }));
  httplib::Client metrics("127.0.0.1", metrics_port);
  auto scraped = metrics.Get("/metrics");
  REQUIRE(scraped);
  CHECK(Contains(scraped->body, "kubeproxy_sync_proxy_rules_duration_seconds_count"));
  CHECK(Contains(scraped->body, "kubeproxy_sync_proxy_rules_last_timestamp_seconds"));
  CHECK(!Contains(scraped->body, "kubeproxy_sync_proxy_rules_duration_seconds_count 0\n"));

  // Endpoints change: rules follow.
  REQUIRE(api.Put("/api/v1/namespaces/default/endpoints/web", EndpointsJson("web", "10.123.0.3")).status == 200);
  REQUIRE(WaitFor([&] {
    std::string s = save();
    return Contains(s, "--to-destination 10.123.0.3:8080") && Count(s, "--to-destination 10.123.0.2:8080") == 0;
  }));
  CHECK(fetch("http://" + cluster_ip + "/") == "two");

  // kill -9: rules stay and keep working; a change made while it is down is
  // picked up by the restarted process, which converges without duplicates.
  proxy->Signal(SIGKILL);
  proxy->Wait(absl::Seconds(5));
  CHECK(fetch("http://" + cluster_ip + "/") == "two");
  REQUIRE(api.Delete("/api/v1/namespaces/default/services/gone").status == 200);
  const std::string before_restart = save();
  CHECK(Contains(before_restart, "default/gone:http"));
  proxy = std::make_unique<Subprocess>(argv, log);
  REQUIRE(WaitFor([&] { return !Contains(save(), "default/gone:http"); }));
  const std::string converged = save();
  CHECK(Count(converged, "-A PREROUTING -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES") == 1);
  CHECK(Count(converged, "-A OUTPUT -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES") == 1);
  CHECK(fetch("http://" + cluster_ip + "/") == "two");

  // The Service goes: its rules go; traffic to it fails.
  REQUIRE(api.Delete("/api/v1/namespaces/default/services/web").status == 200);
  REQUIRE(WaitFor([&] { return Count(save(), "KUBE-SVC-") == 0 && Count(save(), "KUBE-SEP-") == 0; }));

  // SIGTERM: a clean exit that leaves the rules; --cleanup removes them.
  proxy->Signal(SIGTERM);
  CHECK(proxy->Wait(absl::Seconds(10)) == 0);
  CHECK(Contains(save(), ":KUBE-SERVICES"));
  CommandResult cleanup = netns.Run({BinDir() + "/kube-proxy", "--cleanup"});
  CHECK(cleanup.exit_code == 0);
  CHECK(Count(save(), "KUBE-") == 0);
}

}  // namespace kube::testing
