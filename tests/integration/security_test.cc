// Secure by default (issue 14): the apiserver serves only TLS, authenticates x509
// client certificates and ServiceAccount tokens, lets anonymous requests reach only
// the health and version paths, and authorizes with RBAC (system:masters first),
// through real kubectl v1.32 and raw HTTPS.

#include <catch2/catch.hpp>

#include "absl/strings/match.h"
#include "common/util/strings.h"
#include "common/client/client.h"
#include "common/client/grpc_transport.h"
#include "k8s/core/v1/core.pb.h"
#include "tests/integration/integration_helpers.h"
#include "tests/support/api_client.h"
#include "tests/support/client_config.h"
#include "tests/support/controller_manager_process.h"
#include "tests/support/eventually.h"

namespace kube::testing {
namespace {

// A token for ServiceAccount `name` in `ns` from `kubectl create token`.
std::string CreateToken(const Kubectl& admin, const std::string& ns, const std::string& name,
                        const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args = {"create", "token", name, "-n", ns};
  args.insert(args.end(), extra.begin(), extra.end());
  std::string token = MustRun(admin, args).out;
  while (!token.empty() && (token.back() == '\n' || token.back() == ' ')) token.pop_back();
  REQUIRE(token.size() > 100);
  return token;
}

// `kubectl auth whoami` lines, spaces squeezed: "Username system:serviceaccount:t:bob".
std::string WhoAmI(const Kubectl& kubectl) {
  CommandResult result = kubectl.Run({"auth", "whoami"});
  INFO(result.out << result.err);
  REQUIRE(result.exit_code == 0);
  std::string squeezed;
  for (char c : result.out) {
    if (c == ' ' && !squeezed.empty() && squeezed.back() == ' ') continue;
    squeezed.push_back(c);
  }
  return squeezed;
}

TEST_CASE("security: TLS only, anonymous reaches health and version, not the API, bad "
          "credentials are 401", "[security]") {
  REQUIRE_KUBECTL();
  ApiServerProcess server;
  REQUIRE_STARTED(server);

  ApiClient anonymous = ApiClient::WithToken(server, "");
  CHECK(anonymous.Get("/version").status == 200);
  CHECK(anonymous.Get("/healthz", "*/*").status == 200);
  HttpResult api = anonymous.Get("/api");
  CHECK(api.status == 403);
  CHECK(Contains(api.body, R"(forbidden: User \"system:anonymous\" cannot get path \"/api\")"));
  CHECK(anonymous.Get("/api/v1/namespaces").status == 403);

  ApiClient junk = ApiClient::WithToken(server, "junk");
  HttpResult unauthorized = junk.Get("/api");
  CHECK(unauthorized.status == 401);
  CHECK(Contains(unauthorized.body, R"("reason":"Unauthorized")"));
  CHECK(junk.Get("/version").status == 401);  // a bad credential is never anonymous
  CommandResult kubectl_junk = Kubectl(server.KubeconfigWithToken("junk")).Run({"get", "ns"});
  CHECK(kubectl_junk.exit_code != 0);
  INFO(kubectl_junk.err);
  CHECK(Contains(kubectl_junk.err, "error: You must be logged in to the server"));

  // Plain HTTP is not served at all.
  httplib::Client plain("127.0.0.1", server.port());
  plain.set_connection_timeout(2, 0);
  httplib::Result answer = plain.Get("/version");
  CHECK((!answer || answer->status != 200));

  // A kubeconfig trusting another CA does not trust this server.
  TempDir other;
  CommandResult init = RunCommand({BinDir() + "/kube-pki", "init", "--dir", other.path()});
  REQUIRE(init.exit_code == 0);
  std::string wrong_ca = other.path() + "/wrong-ca.kubeconfig";
  WriteFile(wrong_ca, StrCat("apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n"
                                   "    server: ", server.url(), "\n    certificate-authority: ",
                                   other.path(), "/ca.crt\ncontexts:\n- name: c\n  context:\n"
                                   "    cluster: c\n    user: u\ncurrent-context: c\nusers:\n"
                                   "- name: u\n  user:\n    client-certificate: ",
                                   TestPki::Shared().admin().cert_file, "\n    client-key: ",
                                   TestPki::Shared().admin().key_file, "\n"));
  CommandResult unknown_ca = Kubectl(wrong_ca).Run({"get", "ns"});
  CHECK(unknown_ca.exit_code != 0);
  CHECK(Contains(unknown_ca.err, "x509: certificate signed by unknown authority"));
}

TEST_CASE("security: whoami for a certificate and for ServiceAccount tokens, which die with "
          "their account or bound pod", "[security]") {
  REQUIRE_KUBECTL();
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl admin(server);

  std::string me = WhoAmI(admin);
  CHECK(Contains(me, "Username kubernetes-admin"));
  CHECK(Contains(me, "Groups [system:masters system:authenticated]"));

  MustRun(admin, {"create", "namespace", "t"});
  MustRun(admin, {"create", "serviceaccount", "bob", "-n", "t"});
  std::string token = CreateToken(admin, "t", "bob");
  Kubectl bob(server.KubeconfigWithToken(token));
  std::string who = WhoAmI(bob);
  CHECK(Contains(who, "Username system:serviceaccount:t:bob"));
  CHECK(Contains(who,
                 "Groups [system:serviceaccounts system:serviceaccounts:t system:authenticated]"));

  // A token bound to a pod lives as long as the pod.
  MustRun(admin, {"create", "-f", "-"},
          "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: t}\n"
          "spec:\n  serviceAccountName: bob\n  containers: [{name: c, image: busybox}]\n");
  std::string bound =
      CreateToken(admin, "t", "bob", {"--bound-object-kind", "Pod", "--bound-object-name", "p"});
  auto review = [&](const std::string& candidate) {
    // --validate=false: kubectl checks kinds without a PATCH path against the CRDs,
    // which are not served yet.
    return MustRun(admin, {"create", "--validate=false", "-f", "-", "-o",
                           "jsonpath={.status.authenticated}/{.status.error}"},
                   StrCat("apiVersion: authentication.k8s.io/v1\nkind: TokenReview\n"
                                "spec: {token: ", candidate, "}\n"))
        .out;
  };
  CHECK(review(bound) == "true/");
  MustRun(admin, {"delete", "pod", "p", "-n", "t", "--grace-period=0", "--force"});
  // authenticated is false, so omitted (as upstream's omitempty); the error says why.
  std::string after = review(bound);
  INFO(after);
  CHECK(absl::StartsWith(after, "/"));
  CHECK(Contains(after, "service account token has been invalidated"));

  // Deleting the account kills its tokens.
  MustRun(admin, {"delete", "serviceaccount", "bob", "-n", "t"});
  CommandResult gone = bob.Run({"auth", "whoami"});
  CHECK(gone.exit_code != 0);
  CHECK(Contains(gone.err, "You must be logged in to the server (Unauthorized)"));
}

TEST_CASE("security: RBAC as kubectl sees it: can-i, upstream's Forbidden text, escalation, "
          "and the default policy restored at start", "[security]") {
  REQUIRE_KUBECTL();
  ApiServerProcess server({"--grpc-port=auto"});
  REQUIRE_STARTED(server);
  ControllerManagerProcess manager(server, {"--controllers", "clusterrole-aggregation"});
  std::string why;
  REQUIRE(manager.Start(&why));
  Kubectl admin(server);
  // admin, edit and view get their rules from the aggregation loop.
  REQUIRE(Eventually([&] {
    return Contains(admin.Run({"get", "clusterrole", "view", "-o", "jsonpath={.rules}"}).out,
                    "pods");
  }));

  MustRun(admin, {"create", "namespace", "t"});
  MustRun(admin, {"create", "serviceaccount", "bob", "-n", "t"});
  const std::string bob = "system:serviceaccount:t:bob";
  CommandResult denied = admin.Run({"auth", "can-i", "list", "pods", "-n", "t", "--as", bob});
  CHECK(denied.exit_code == 1);
  CHECK(Contains(denied.out, "no"));
  CommandResult secrets = admin.Run({"get", "secrets", "-n", "t", "--as", bob});
  CHECK(secrets.exit_code != 0);
  CHECK(Contains(secrets.err,
                 "Error from server (Forbidden): secrets is forbidden: User "
                 "\"system:serviceaccount:t:bob\" cannot list resource \"secrets\" in API group "
                 "\"\" in the namespace \"t\""));

  MustRun(admin, {"create", "rolebinding", "bob-view", "--clusterrole=view",
                  "--serviceaccount=t:bob", "-n", "t"});
  REQUIRE(Eventually([&] {
    return admin.Run({"auth", "can-i", "list", "pods", "-n", "t", "--as", bob}).exit_code == 0;
  }));
  CHECK(admin.Run({"auth", "can-i", "list", "secrets", "-n", "t", "--as", bob}).exit_code == 1);
  CommandResult rules = MustRun(admin, {"auth", "can-i", "--list", "-n", "t", "--as", bob});
  CHECK(Contains(rules.out, "pods"));

  // Escalation: admin in t may grant view there, but not cluster-admin.
  MustRun(admin, {"create", "rolebinding", "bob-admin", "--clusterrole=admin",
                  "--serviceaccount=t:bob", "-n", "t"});
  REQUIRE(Eventually([&] {
    return admin.Run({"auth", "can-i", "create", "rolebindings", "-n", "t", "--as", bob})
               .exit_code == 0;
  }));
  CommandResult escalate = admin.Run({"create", "rolebinding", "eve-root", "--clusterrole=cluster-admin",
                                      "--user=eve", "-n", "t", "--as", bob});
  CHECK(escalate.exit_code != 0);
  CHECK(Contains(escalate.err,
                 "rolebindings.rbac.authorization.k8s.io \"eve-root\" is forbidden: user "
                 "\"system:serviceaccount:t:bob\" (groups=[\"system:serviceaccounts\" "
                 "\"system:serviceaccounts:t\" \"system:authenticated\"]) is attempting to grant "
                 "RBAC permissions not currently held:"));
  MustRun(admin, {"create", "rolebinding", "eve-view", "--clusterrole=view", "--user=eve", "-n",
                  "t", "--as", bob});

  // Impersonation itself needs the impersonate verb.
  // The admin may impersonate: the request is then alice's, who may not list pods.
  CommandResult impersonate = admin.Run({"get", "pods", "-n", "t", "--as", "alice"});
  CHECK(impersonate.exit_code != 0);
  CHECK(Contains(impersonate.err, "pods is forbidden: User \"alice\" cannot list resource"));
  const std::string bob_token = CreateToken(admin, "t", "bob");
  CommandResult not_allowed =
      Kubectl(server.KubeconfigWithToken(bob_token)).Run({"get", "pods", "-n", "t", "--as", "alice"});
  CHECK(not_allowed.exit_code != 0);
  CHECK(Contains(not_allowed.err, "Forbidden"));
  HttpResult impersonated = ApiClient::WithToken(server, bob_token)
                                .GetWithHeaders("/api/v1/namespaces/t/pods",
                                                {{"Impersonate-User", "alice"}});
  CHECK(impersonated.status == 403);
  CHECK(Contains(impersonated.body,
                 R"(users \"alice\" is forbidden: User \"system:serviceaccount:t:bob\" cannot )"
                 R"(impersonate resource \"users\" in API group \"\" at the cluster scope)"));

  // A deleted default role is written back at the next start.
  MustRun(admin, {"delete", "clusterrole", "system:discovery"});
  REQUIRE(server.Restart(&why));
  CommandResult restored = admin.Run({"get", "clusterrole", "system:discovery", "-o", "name"});
  CHECK(restored.exit_code == 0);
  CHECK(Contains(restored.out, "clusterrole.rbac.authorization.k8s.io/system:discovery"));
}

TEST_CASE("security: gRPC calls pass the same chain", "[security]") {
  ApiServerProcess server({"--grpc-port=auto"});
  REQUIRE_STARTED(server);
  auto connect = [&](const TlsIdentity& identity) {
    absl::StatusOr<std::unique_ptr<client::Transport>> transport =
        client::NewTransport(ClientConfigFor(server, /*grpc=*/true, identity));
    REQUIRE(transport.ok());
    return client::Client(std::move(*transport));
  };
  client::Client admin = connect(TestPki::Shared().admin());
  absl::StatusOr<client::TypedList<k8s::core::v1::Pod>> listed =
      admin.List<k8s::core::v1::Pod>("default");
  INFO(listed.status());
  CHECK(listed.ok());
  client::Client eve = connect(TestPki::Shared().Issue("eve"));
  absl::StatusOr<client::TypedList<k8s::core::v1::Pod>> forbidden =
      eve.List<k8s::core::v1::Pod>("default");
  REQUIRE_FALSE(forbidden.ok());
  INFO(forbidden.status());
  CHECK(forbidden.status().code() == absl::StatusCode::kPermissionDenied);
  CHECK(Contains(std::string(forbidden.status().message()),
                 "pods is forbidden: User \"eve\" cannot list resource \"pods\" in API group \"\" "
                 "in the namespace \"default\""));
}

}  // namespace
}  // namespace kube::testing

namespace kube::testing {
namespace {

TEST_CASE("security: ServiceAccount admission: an existing account, and its token volume "
          "unless automount is off", "[security]") {
  REQUIRE_KUBECTL();
  ApiServerProcess server({"--enable-admission-plugins=ServiceAccount"});
  REQUIRE_STARTED(server);
  Kubectl admin(server);
  MustRun(admin, {"create", "namespace", "t"});
  const std::string pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: NAME, namespace: t}\n"
                          "spec:\n  containers: [{name: c, image: busybox}]\n";
  auto named = [&](const std::string& name, const std::string& extra = "") {
    std::string text = pod;
    text.replace(text.find("NAME"), 4, name);
    return text + extra;
  };
  // No controller-manager here: nobody made the namespace's default account.
  CommandResult refused = admin.Run({"create", "-f", "-"}, named("first"));
  CHECK(refused.exit_code != 0);
  CHECK(Contains(refused.err, "pods \"first\" is forbidden: error looking up service account "
                              "t/default: serviceaccount \"default\" not found"));

  MustRun(admin, {"create", "serviceaccount", "default", "-n", "t"});
  MustRun(admin, {"create", "-f", "-"}, named("second"));
  std::string spec = MustRun(admin, {"get", "pod", "second", "-n", "t", "-o",
                                     "jsonpath={.spec.serviceAccountName} {.spec.volumes[0].name} "
                                     "{.spec.containers[0].volumeMounts[0].mountPath} "
                                     "{.spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds}"})
                         .out;
  CHECK(absl::StartsWith(spec, "default kube-api-access-"));
  CHECK(Contains(spec, " /var/run/secrets/kubernetes.io/serviceaccount 3607"));

  MustRun(admin, {"create", "-f", "-"},
          named("third", "  automountServiceAccountToken: false\n"));
  CHECK(MustRun(admin, {"get", "pod", "third", "-n", "t", "-o", "jsonpath={.spec.volumes}"})
            .out.empty());
  CommandResult nobody =
      admin.Run({"create", "-f", "-"}, named("fourth", "  serviceAccountName: nobody\n"));
  CHECK(nobody.exit_code != 0);
  CHECK(Contains(nobody.err, "error looking up service account t/nobody: serviceaccount "
                             "\"nobody\" not found"));
}

TEST_CASE("security: the kubernetes Service leads to the apiserver and comes back if deleted",
          "[security]") {
  REQUIRE_KUBECTL();
  // Where pods would reach it (Endpoints may not name a loopback address).
  ApiServerProcess server({"--advertise-address=10.1.2.3"});
  REQUIRE_STARTED(server);
  Kubectl admin(server);
  std::string service = MustRun(admin, {"get", "service", "kubernetes", "-o",
                                        "jsonpath={.spec.clusterIP} {.spec.ports[0].port}"})
                            .out;
  CHECK(service == "10.0.0.1 443");
  std::string endpoints = MustRun(admin, {"get", "endpoints", "kubernetes", "-o",
                                          "jsonpath={.subsets[0].addresses[0].ip} "
                                          "{.subsets[0].ports[0].port}"})
                              .out;
  CHECK(endpoints == StrCat("10.1.2.3 ", server.port()));
  MustRun(admin, {"delete", "endpoints", "kubernetes"});
  CHECK(Eventually([&] { return admin.Run({"get", "endpoints", "kubernetes"}).exit_code == 0; }));
}

}  // namespace
}  // namespace kube::testing
