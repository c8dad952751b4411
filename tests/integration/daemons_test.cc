// Every daemon as an operator runs it: --help and --version, /healthz, /readyz and
// /metrics on its port, and a clean exit on SIGTERM well within a systemd unit's
// stop timeout. (kube-proxy needs root for its rules; tests/integration/
// kube_proxy_test.cc covers it the same way inside a network namespace.)

#include <catch2/catch.hpp>
#include <signal.h>

#include <httplib.h>

#include "absl/time/clock.h"
#include "common/util/strings.h"
#include "tests/integration/integration_helpers.h"
#include "tests/support/apiserver_process.h"
#include "tests/support/api_client.h"
#include "tests/support/controller_manager_process.h"
#include "tests/support/kubelet_process.h"
#include "tests/support/scheduler_process.h"

namespace kube::testing {
namespace {

// GETs path until it answers 200 (bounded); the body, or "" .
std::string GetWhenReady(ApiClient& client, const std::string& path) {
  for (int attempt = 0; attempt < 100; ++attempt) {
    HttpResult got = client.Get(path, "*/*");
    if (got.status == 200) return got.body;
    absl::SleepFor(absl::Milliseconds(100));
  }
  return "";
}

void CheckServes(const std::string& daemon, ApiClient client, const std::string& metric) {
  INFO(daemon);
  CHECK(GetWhenReady(client, "/healthz") == "ok");
  CHECK(GetWhenReady(client, "/livez") == "ok");
  CHECK(GetWhenReady(client, "/readyz") == "ok");
  CHECK(Contains(GetWhenReady(client, "/metrics"), metric));
}

// SIGTERM: the daemon exits 0, in well under a unit's stop timeout.
template <typename Process>
void CheckStopsOnSigterm(const std::string& daemon, Process& process) {
  absl::Time start = absl::Now();
  int code = process.Terminate();
  absl::Duration took = absl::Now() - start;
  INFO(daemon << " exited " << code << " after " << absl::FormatDuration(took));
  CHECK(code == 0);
  CHECK(took < absl::Seconds(15));
}

TEST_CASE("every daemon has --help and --version", "[daemons]") {
  for (const char* daemon : {"kube-apiserver", "kube-scheduler", "kube-controller-manager",
                             "kubelet", "kube-proxy", "cluster-dns"}) {
    INFO(daemon);
    CommandResult help = RunCommand({BinDir() + "/" + daemon, "--help"});
    CHECK(help.exit_code == 0);
    CHECK(Contains(help.out, "Usage:"));
    CHECK(Contains(help.out, "--v"));
    CommandResult version = RunCommand({BinDir() + "/" + daemon, "--version"});
    CHECK(version.exit_code == 0);
    CHECK(version.out.rfind("Kubernetes v", 0) == 0);
    CommandResult bad = RunCommand({BinDir() + "/" + daemon, "--no-such-flag"});
    CHECK(bad.exit_code == 2);
    CHECK(Contains(bad.err, "no-such-flag"));
  }
}

TEST_CASE("every daemon serves health and metrics and stops cleanly on SIGTERM", "[daemons]") {
  ApiServerProcess server({"--grpc-port=auto"});
  REQUIRE_STARTED(server);
  CheckServes("kube-apiserver", ApiClient(server), "apiserver_request_total");

  SchedulerProcess scheduler(server);
  std::string why;
  if (!scheduler.Start(&why)) FAIL(why);
  // Their secure ports: /metrics needs an authorized user (secure_ports_test.cc).
  CheckServes("kube-scheduler", ApiClient::Daemon(scheduler.port(), TestPki::Shared().admin()),
              "scheduler_schedule_attempts_total");

  ControllerManagerProcess manager(server);
  if (!manager.Start(&why)) FAIL(why);
  CheckServes("kube-controller-manager", ApiClient::Daemon(manager.port(), TestPki::Shared().admin()),
              "workqueue_queue_duration_seconds_sum");

  const int kubelet_health = FreePort();
  KubeletProcess kubelet(server, "node-1", {"--healthz-port", std::to_string(kubelet_health)});
  if (!kubelet.Start(&why)) FAIL(why);
  CheckServes("kubelet", ApiClient::Plain(kubelet_health), "kubelet_running_pods");

  const int dns_health = FreePort();
  Subprocess dns({BinDir() + "/cluster-dns", "--kubeconfig", server.kubeconfig(), "--bind-address",
                  "127.0.0.1", "--port", "0", "--health-port", std::to_string(dns_health)},
                 server.data_dir() + "/../cluster-dns.log");
  CheckServes("cluster-dns", ApiClient::Plain(dns_health), "cluster_dns_requests_total");

  // Leaders let go of their leases on the way out.
  CheckStopsOnSigterm("kube-scheduler", scheduler);
  CheckStopsOnSigterm("kube-controller-manager", manager);
  CheckStopsOnSigterm("kubelet", kubelet);
  absl::Time start = absl::Now();
  dns.Signal(SIGTERM);
  CHECK(dns.Wait(absl::Seconds(15)) == 0);
  CHECK(absl::Now() - start < absl::Seconds(15));
  CheckStopsOnSigterm("kube-apiserver", server);
}

}  // namespace
}  // namespace kube::testing
