// Least privilege (issue 15): each component's identity holds exactly upstream's
// bootstrap role, so what its role does not allow is refused. Raw HTTPS against the
// real apiserver (default Node,RBAC), with the certificates cluster-up issues and the
// ServiceAccount tokens --use-service-account-credentials uses.

#include <catch2/catch.hpp>

#include "common/util/strings.h"
#include "tests/integration/integration_helpers.h"
#include "tests/support/api_client.h"

namespace kube::testing {
namespace {

constexpr char kPod[] =
    R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},)"
    R"("spec":{"containers":[{"name":"c","image":"busybox"}]}})";
constexpr char kBinding[] =
    R"({"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding",)"
    R"("metadata":{"name":"grab"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io",)"
    R"("kind":"ClusterRole","name":"cluster-admin"},"subjects":[{"kind":"User",)"
    R"("apiGroup":"rbac.authorization.k8s.io","name":"me"}]})";

// A token for kube-system/`account`, as the controller-manager gets one per loop.
std::string LoopToken(ApiClient& admin, const std::string& account) {
  admin.Post("/api/v1/namespaces/kube-system/serviceaccounts",
             StrCat(R"({"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":")", account,
                    R"("}})"));
  HttpResult issued = admin.Post(
      StrCat("/api/v1/namespaces/kube-system/serviceaccounts/", account, "/token"),
      R"({"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","spec":{}})");
  REQUIRE(issued.status == 201);
  return JsonString(ParseJson(issued.body), "/status/token");
}

TEST_CASE("security: each component's user can do what its role allows and nothing more",
          "[security]") {
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  ApiClient admin(server);
  REQUIRE(admin.Post("/api/v1/namespaces",
                     R"({"apiVersion":"v1","kind":"Namespace","metadata":{"name":"t"}})")
              .status == 201);
  const TestPki& pki = TestPki::Shared();

  // The scheduler: reads pods and nodes and binds; creates no pods, reads no secrets.
  ApiClient scheduler(server, pki.Issue("system:kube-scheduler"));
  CHECK(scheduler.Get("/api/v1/pods").status == 200);
  CHECK(scheduler.Get("/api/v1/nodes").status == 200);
  CHECK(scheduler.Post("/api/v1/namespaces/t/pods", kPod).status == 403);
  CHECK(scheduler.Get("/api/v1/namespaces/t/secrets").status == 403);

  // The controller-manager's own user: lists and watches everything, writes little.
  ApiClient manager(server, pki.Issue("system:kube-controller-manager"));
  CHECK(manager.Get("/api/v1/secrets").status == 200);
  CHECK(manager.Get("/apis/apps/v1/deployments").status == 200);
  CHECK(manager.Post("/api/v1/namespaces/t/pods", kPod).status == 403);
  CHECK(manager.Post("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", kBinding).status ==
        403);

  // A loop's ServiceAccount: the replication controller makes pods, nothing else.
  ApiClient replication =
      ApiClient::WithToken(server, LoopToken(admin, "replication-controller"));
  CHECK(replication.Post("/api/v1/namespaces/t/pods", kPod).status == 201);
  CHECK(replication.Get("/api/v1/namespaces/t/secrets").status == 403);
  CHECK(replication.Delete("/api/v1/namespaces/t").status == 403);
  ApiClient namespaces = ApiClient::WithToken(server, LoopToken(admin, "namespace-controller"));
  CHECK(namespaces.Post("/api/v1/namespaces/t/pods", kPod).status == 403);

  // kube-proxy: reads Services and endpoints, writes none.
  ApiClient proxy(server, pki.Issue("system:kube-proxy"));
  CHECK(proxy.Get("/api/v1/services").status == 200);
  CHECK(proxy.Get("/api/v1/endpoints").status == 200);
  CHECK(proxy.Post("/api/v1/namespaces/t/services",
                   R"({"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},)"
                   R"("spec":{"ports":[{"port":80}]}})")
            .status == 403);

  // The DNS add-on's ServiceAccount: reads Services and endpoints.
  ApiClient dns(server, pki.Issue("system:serviceaccount:kube-system:kube-dns"));
  CHECK(dns.Get("/api/v1/services").status == 200);
  CHECK(dns.Get("/api/v1/namespaces/t/secrets").status == 403);

  // No component can grant itself more.
  for (ApiClient* component : {&scheduler, &replication, &proxy, &dns}) {
    CHECK(component->Post("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", kBinding)
              .status == 403);
  }
}

}  // namespace
}  // namespace kube::testing
