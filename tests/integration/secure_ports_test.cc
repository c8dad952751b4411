// The components' secure ports (kube-scheduler's --secure-port 10259,
// kube-controller-manager's 10257), as upstream's delegated serving: HTTPS only;
// anyone reaches /healthz, /livez and /readyz; /metrics needs a user the apiserver
// authorizes (a SubjectAccessReview), known by a client certificate of
// --client-ca-file or by a bearer token the apiserver reviews (TokenReview); a bad
// credential is 401 and a refusal is upstream's 403. Through the real apiserver.

#include <catch2/catch.hpp>

#include <httplib.h>

#include "common/util/strings.h"
#include "tests/integration/integration_helpers.h"
#include "tests/support/api_client.h"
#include "tests/support/apiserver_process.h"
#include "tests/support/controller_manager_process.h"
#include "tests/support/scheduler_process.h"

namespace kube::testing {
namespace {

void CreateAsAdmin(ApiClient& admin, const std::string& path, const std::string& json) {
  HttpResult created = admin.Post(path, json);
  INFO(path << ": " << created.status << " " << created.body);
  REQUIRE(created.status == 201);
}

// A token (TokenRequest) for ServiceAccount monitoring/`name`, made by the admin.
std::string RequestServiceAccountToken(ApiClient& admin, const std::string& name) {
  CreateAsAdmin(admin, "/api/v1/namespaces/monitoring/serviceaccounts",
                StrCat(R"({"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":")", name,
                       R"("}})"));
  HttpResult issued =
      admin.Post(StrCat("/api/v1/namespaces/monitoring/serviceaccounts/", name, "/token"),
                 R"({"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","spec":{}})");
  INFO(issued.body);
  REQUIRE(issued.status == 201);
  std::string token = JsonString(ParseJson(issued.body), "/status/token");
  REQUIRE_FALSE(token.empty());
  return token;
}

// Two ServiceAccounts in namespace monitoring: "scraper", bound to a ClusterRole
// that may get /metrics (as system:monitoring may), and "nobody", bound to nothing.
struct MonitoringTokens {
  std::string scraper;
  std::string nobody;
};

MonitoringTokens SetUpMonitoring(const ApiServerProcess& server) {
  ApiClient admin(server);
  CreateAsAdmin(admin, "/api/v1/namespaces",
                R"({"apiVersion":"v1","kind":"Namespace","metadata":{"name":"monitoring"}})");
  CreateAsAdmin(admin, "/apis/rbac.authorization.k8s.io/v1/clusterroles",
                R"({"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole",)"
                R"("metadata":{"name":"metrics-reader"},)"
                R"("rules":[{"nonResourceURLs":["/metrics"],"verbs":["get"]}]})");
  CreateAsAdmin(admin, "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings",
                R"({"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding",)"
                R"("metadata":{"name":"metrics-reader"},)"
                R"("roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole",)"
                R"("name":"metrics-reader"},)"
                R"("subjects":[{"kind":"ServiceAccount","name":"scraper",)"
                R"("namespace":"monitoring"}]})");
  return {RequestServiceAccountToken(admin, "scraper"), RequestServiceAccountToken(admin, "nobody")};
}

// Everything a secure port must do, on `port`, whose /metrics holds `metric`.
void CheckSecurePort(const std::string& daemon, int port, const MonitoringTokens& tokens,
                     const std::string& metric) {
  INFO(daemon << " on " << port);
  ApiClient anonymous = ApiClient::Daemon(port);
  for (const char* path : {"/healthz", "/livez", "/readyz"}) {
    INFO(path);
    HttpResult health = anonymous.Get(path, "*/*");
    CHECK(health.status == 200);
    CHECK(health.body == "ok");
  }
  HttpResult refused = anonymous.Get("/metrics");
  CHECK(refused.status == 403);
  rapidjson::Document status = ParseJson(refused.body);
  CHECK(JsonString(status, "/kind") == "Status");
  CHECK(JsonString(status, "/reason") == "Forbidden");
  CHECK(JsonString(status, "/message") ==
        "forbidden: User \"system:anonymous\" cannot get path \"/metrics\"");

  HttpResult junk = ApiClient::Daemon(port, {}, "junk").Get("/metrics");
  CHECK(junk.status == 401);
  CHECK(JsonString(ParseJson(junk.body), "/reason") == "Unauthorized");
  // A bad credential is never anonymous, even where anonymous may go.
  CHECK(ApiClient::Daemon(port, {}, "junk").Get("/healthz", "*/*").status == 401);

  HttpResult as_admin = ApiClient::Daemon(port, TestPki::Shared().admin()).Get("/metrics", "*/*");
  CHECK(as_admin.status == 200);
  CHECK(Contains(as_admin.body, metric));

  HttpResult as_scraper = ApiClient::Daemon(port, {}, tokens.scraper).Get("/metrics", "*/*");
  CHECK(as_scraper.status == 200);
  CHECK(Contains(as_scraper.body, metric));

  HttpResult as_nobody = ApiClient::Daemon(port, {}, tokens.nobody).Get("/metrics");
  CHECK(as_nobody.status == 403);
  CHECK(JsonString(ParseJson(as_nobody.body), "/message") ==
        "forbidden: User \"system:serviceaccount:monitoring:nobody\" cannot get path \"/metrics\"");

  HttpResult as_bob = ApiClient::Daemon(port, TestPki::Shared().Issue("bob")).Get("/metrics");
  CHECK(as_bob.status == 403);
  CHECK(JsonString(ParseJson(as_bob.body), "/message") ==
        "forbidden: User \"bob\" cannot get path \"/metrics\"");

  // No plain HTTP on the port.
  CHECK(ApiClient::Plain(port).Get("/healthz", "*/*").status != 200);
}

}  // namespace

TEST_CASE("secure ports: scheduler and controller-manager authenticate and authorize "
          "through the apiserver", "[secure-ports]") {
  ApiServerProcess server({"--grpc-port=auto"});
  REQUIRE_STARTED(server);
  MonitoringTokens tokens = SetUpMonitoring(server);

  std::string why;
  SchedulerProcess scheduler(server);
  if (!scheduler.Start(&why)) FAIL(why);
  CheckSecurePort("kube-scheduler", scheduler.port(), tokens, "scheduler_schedule_attempts_total");

  // REST this time: the reviews work on either transport.
  ControllerManagerProcess manager(server, {}, /*use_grpc=*/false);
  if (!manager.Start(&why)) FAIL(why);
  CheckSecurePort("kube-controller-manager", manager.port(), tokens,
                  "workqueue_queue_duration_seconds_sum");
}

TEST_CASE("secure ports: a self-signed certificate without --tls-cert-file, and more "
          "always-allowed paths", "[secure-ports]") {
  ApiServerProcess server({"--grpc-port=auto"});
  REQUIRE_STARTED(server);
  SchedulerProcess scheduler(
      server, {"--tls-cert-file=", "--tls-private-key-file=",
               "--authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics"});
  std::string why;
  if (!scheduler.Start(&why)) FAIL(why);
  // Not the test CA's certificate: a client that verifies against it gives up.
  CHECK(ApiClient::Daemon(scheduler.port()).Get("/healthz", "*/*").status == 0);
  httplib::SSLClient unverified("127.0.0.1", scheduler.port());
  unverified.enable_server_certificate_verification(false);
  auto metrics = unverified.Get("/metrics");
  REQUIRE(metrics);
  CHECK(metrics->status == 200);  // anonymous: /metrics is always allowed here
  CHECK(Contains(metrics->body, "scheduler_schedule_attempts_total"));
}

TEST_CASE("secure ports: upstream's serving flags, and no insecure --port", "[secure-ports]") {
  for (const char* daemon : {"kube-scheduler", "kube-controller-manager"}) {
    INFO(daemon);
    CommandResult help = RunCommand({BinDir() + "/" + daemon, "--help"});
    REQUIRE(help.exit_code == 0);
    for (const char* flag :
         {"--secure-port", "--bind-address", "--tls-cert-file", "--tls-private-key-file",
          "--client-ca-file", "--authorization-always-allow-paths",
          "--authentication-kubeconfig", "--authorization-kubeconfig",
          "--authentication-token-webhook-cache-ttl",
          "--authorization-webhook-cache-authorized-ttl",
          "--authorization-webhook-cache-unauthorized-ttl"}) {
      CHECK(Contains(help.out, flag));
    }
    CommandResult insecure = RunCommand({BinDir() + "/" + daemon, "--port", "10251"});
    CHECK(insecure.exit_code == 2);
    CommandResult half = RunCommand({BinDir() + "/" + daemon, "--tls-cert-file", "/x.crt"});
    CHECK(half.exit_code == 2);
    CHECK(Contains(half.err, "--tls-cert-file and --tls-private-key-file must be given together"));
  }
}

}  // namespace kube::testing
