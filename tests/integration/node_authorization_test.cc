// The Node authorizer and NodeRestriction admission (issue 15), as a kubelet's
// credentials meet them: real kubectl v1.32 and raw HTTPS as "system:node:n1" in
// system:nodes against the real apiserver (default --authorization-mode Node,RBAC;
// NodeRestriction on by default).

#include <catch2/catch.hpp>

#include "common/util/strings.h"
#include "tests/integration/integration_helpers.h"
#include "tests/support/api_client.h"

namespace kube::testing {
namespace {

constexpr char kNodeYaml[] = "apiVersion: v1\nkind: Node\nmetadata: {name: NAME}\n";

std::string NodeManifest(const std::string& name) {
  std::string yaml = kNodeYaml;
  return yaml.replace(yaml.find("NAME"), 4, name);
}

// A pod on `node` in namespace t that mounts Secret `secret` and runs as `account`.
std::string PodManifest(const std::string& name, const std::string& node,
                        const std::string& secret, const std::string& account = "default") {
  return StrCat("apiVersion: v1\nkind: Pod\nmetadata: {name: ", name,
                ", namespace: t}\nspec:\n  nodeName: ", node, "\n  serviceAccountName: ", account,
                "\n  containers: [{name: c, image: busybox}]\n"
                "  volumes: [{name: s, secret: {secretName: ",
                secret, "}}]\n");
}

// A kubeconfig for `node`'s kubelet: its certificate, as cluster-up issues one.
std::string KubeletKubeconfig(const ApiServerProcess& server, const TempDir& dir,
                              const std::string& node) {
  std::string path = StrCat(dir.path(), "/kubelet-", node, ".kubeconfig");
  WriteTestKubeconfig(path, server.url(),
                      TestPki::Shared().Issue("system:node:" + node, {"system:nodes"}));
  return path;
}

std::string Uid(const Kubectl& admin, const std::string& kind, const std::string& name) {
  return MustRun(admin, {"get", kind, name, "-n", "t", "-o", "jsonpath={.metadata.uid}"}).out;
}

TEST_CASE("node authorization: a kubelet reads a secret only while a pod on its node uses it",
          "[node-authz]") {
  REQUIRE_KUBECTL();
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl admin(server);
  TempDir dir;
  Kubectl kubelet(KubeletKubeconfig(server, dir, "n1"));
  MustRun(admin, {"create", "namespace", "t"});
  MustRun(admin, {"create", "serviceaccount", "default", "-n", "t"});
  MustRun(admin, {"create", "secret", "generic", "s1", "-n", "t", "--from-literal=k=v"});
  MustRun(admin, {"create", "-f", "-"}, NodeManifest("n1"));
  MustRun(admin, {"create", "-f", "-"}, NodeManifest("n2"));

  const std::string forbidden =
      R"(Error from server (Forbidden): secrets "s1" is forbidden: User "system:node:n1" )"
      R"(cannot get resource "secrets" in API group "" in the namespace "t": )"
      R"(no relationship found between node 'n1' and this object)";
  CommandResult unrelated = kubelet.Run({"get", "secret", "s1", "-n", "t"});
  CHECK(unrelated.exit_code != 0);
  CHECK(Contains(unrelated.err, forbidden));

  // A pod on another node does not relate n1 to the secret.
  MustRun(admin, {"create", "-f", "-"}, PodManifest("elsewhere", "n2", "s1"));
  CommandResult other_node = kubelet.Run({"get", "secret", "s1", "-n", "t"});
  CHECK(other_node.exit_code != 0);
  CHECK(Contains(other_node.err, forbidden));

  // Once a pod bound to n1 mounts it, n1 may read it: at once (the authorizer waits
  // for its graph to catch up before refusing).
  MustRun(admin, {"create", "-f", "-"}, PodManifest("here", "n1", "s1"));
  CHECK(MustRun(kubelet, {"get", "secret", "s1", "-n", "t", "-o", "jsonpath={.data.k}"}).out ==
        "dg==");
  // Still never the whole list, nor a write.
  CHECK(kubelet.Run({"get", "secrets", "-n", "t"}).exit_code != 0);
  CommandResult write = kubelet.Run({"label", "secret", "s1", "-n", "t", "x=y"});
  CHECK(write.exit_code != 0);
  CHECK(Contains(write.err, "can only read resources of this type"));

  // The pod gone, so is the relationship.
  MustRun(admin, {"delete", "pod", "here", "-n", "t", "--grace-period=0", "--force"});
  CommandResult after = kubelet.Run({"get", "secret", "s1", "-n", "t"});
  CHECK(after.exit_code != 0);
  CHECK(Contains(after.err, forbidden));
}

TEST_CASE("node authorization: a kubelet writes only its own Node, without its taints or "
          "restricted labels", "[node-authz]") {
  REQUIRE_KUBECTL();
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl admin(server);
  TempDir dir;
  Kubectl kubelet(KubeletKubeconfig(server, dir, "n1"));
  MustRun(admin, {"create", "-f", "-"}, NodeManifest("n2"));

  // Registering: its own name only, and only labels a kubelet may set.
  CommandResult impostor = kubelet.Run({"create", "-f", "-"}, NodeManifest("n3"));
  CHECK(impostor.exit_code != 0);
  CHECK(Contains(impostor.err, R"(nodes "n3" is forbidden: node "n1" is not allowed to modify )"
                               R"(node "n3")"));
  CommandResult restricted = kubelet.Run(
      {"create", "-f", "-"},
      "apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n  labels: "
      "{node-restriction.kubernetes.io/pool: secure, kubernetes.io/hostname: n1}\n");
  CHECK(restricted.exit_code != 0);
  CHECK(Contains(restricted.err, R"(node "n1" is not allowed to set the following labels: )"
                                 R"(node-restriction.kubernetes.io/pool)"));
  MustRun(kubelet, {"create", "-f", "-"},
          "apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n  labels: "
          "{kubernetes.io/hostname: n1, topology.kubernetes.io/zone: a}\n");

  CommandResult other = kubelet.Run({"label", "node", "n2", "foo=bar"});
  CHECK(other.exit_code != 0);
  CHECK(Contains(other.err, R"(Error from server (Forbidden): nodes "n2" is forbidden: node "n1" )"
                            R"(is not allowed to modify node "n2")"));
  MustRun(kubelet, {"label", "node", "n1", "foo=bar", "node.kubernetes.io/pool=a"});
  CommandResult own_restricted =
      kubelet.Run({"label", "node", "n1", "node-restriction.kubernetes.io/pool=secure"});
  CHECK(own_restricted.exit_code != 0);
  CHECK(Contains(own_restricted.err,
                 "is not allowed to modify labels: node-restriction.kubernetes.io/pool"));
  CommandResult unknown = kubelet.Run({"label", "node", "n1", "example.k8s.io/x=y"});
  CHECK(unknown.exit_code != 0);
  CHECK(Contains(unknown.err, "is not allowed to modify labels: example.k8s.io/x"));
  CommandResult taint = kubelet.Run({"taint", "node", "n1", "dedicated=db:NoSchedule"});
  CHECK(taint.exit_code != 0);
  CHECK(Contains(taint.err, R"(node "n1" is not allowed to modify taints)"));
  // The admin may do all of it.
  MustRun(admin, {"label", "node", "n1", "node-restriction.kubernetes.io/pool=secure"});
  MustRun(admin, {"taint", "node", "n1", "dedicated=db:NoSchedule"});
  // And the kubelet's status writes still pass with them in place.
  MustRun(kubelet, {"annotate", "node", "n1", "seen=yes"});
}

TEST_CASE("node authorization: pods, their status and tokens only on the kubelet's own node",
          "[node-authz]") {
  REQUIRE_KUBECTL();
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl admin(server);
  TempDir dir;
  Kubectl kubelet(KubeletKubeconfig(server, dir, "n1"));
  ApiClient kubelet_http(server, TestPki::Shared().Issue("system:node:n1", {"system:nodes"}));
  MustRun(admin, {"create", "namespace", "t"});
  MustRun(admin, {"create", "serviceaccount", "default", "-n", "t"});
  MustRun(admin, {"create", "serviceaccount", "bob", "-n", "t"});
  MustRun(admin, {"create", "secret", "generic", "s1", "-n", "t", "--from-literal=k=v"});
  MustRun(admin, {"create", "-f", "-"}, NodeManifest("n1"));
  MustRun(admin, {"create", "-f", "-"}, NodeManifest("n2"));
  MustRun(admin, {"create", "-f", "-"}, PodManifest("mine", "n1", "s1", "bob"));
  MustRun(admin, {"create", "-f", "-"}, PodManifest("theirs", "n2", "s1", "bob"));

  // Only mirror pods, bound to and owned by the node, referencing nothing else.
  CommandResult plain = kubelet.Run({"create", "-f", "-"}, PodManifest("new", "n1", "s1"));
  CHECK(plain.exit_code != 0);
  CHECK(Contains(plain.err, R"(pod does not have "kubernetes.io/config.mirror" annotation, )"
                            R"(node "n1" can only create mirror pods)"));
  std::string node_uid = MustRun(admin, {"get", "node", "n1", "-o", "jsonpath={.metadata.uid}"}).out;
  std::string mirror = StrCat(
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: static-n1\n  namespace: t\n"
      "  annotations: {kubernetes.io/config.mirror: hash}\n"
      "  ownerReferences: [{apiVersion: v1, kind: Node, name: n1, uid: ",
      node_uid, ", controller: true}]\nspec:\n  nodeName: n1\n"
      "  containers: [{name: c, image: busybox}]\n");
  MustRun(kubelet, {"create", "-f", "-"}, mirror);
  CommandResult with_secret = kubelet.Run(
      {"create", "-f", "-"},
      StrCat(mirror.substr(0, mirror.find("static-n1")), "static-s",
             mirror.substr(mirror.find("static-n1") + 9),
             "  volumes: [{name: s, secret: {secretName: s1}}]\n"));
  CHECK(with_secret.exit_code != 0);
  CHECK(Contains(with_secret.err, R"(node "n1" can not create pods that reference secrets)"));

  // Status and deletes: its own pods only.
  auto patch_status = [&](const std::string& pod) {
    httplib::Result result =
        kubelet_http.raw().Patch(StrCat("/api/v1/namespaces/t/pods/", pod, "/status"),
                                 R"({"status":{"phase":"Running"}})",
                                 "application/merge-patch+json");
    REQUIRE(result);
    return HttpResult{result->status, result->body, "", {}};
  };
  HttpResult theirs = patch_status("theirs");
  CHECK(theirs.status == 403);
  CHECK(Contains(theirs.body, R"(node \"n1\" can only update pod status for pods with )"
                              R"(spec.nodeName set to itself)"));
  CHECK(patch_status("mine").status == 200);
  CommandResult delete_theirs = kubelet.Run({"delete", "pod", "theirs", "-n", "t", "--wait=false"});
  CHECK(delete_theirs.exit_code != 0);
  CHECK(Contains(delete_theirs.err,
                 R"(node "n1" can only delete pods with spec.nodeName set to itself)"));

  // Tokens: only for an account a pod on the node runs as, bound to that pod.
  auto request_token = [&](const std::string& pod, const std::string& uid) {
    return kubelet_http.Post(
        "/api/v1/namespaces/t/serviceaccounts/bob/token",
        StrCat(R"({"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","spec":{)",
               R"("boundObjectRef":{"apiVersion":"v1","kind":"Pod","name":")", pod,
               R"(","uid":")", uid, R"("}}})"));
  };
  HttpResult own = request_token("mine", Uid(admin, "pod", "mine"));
  INFO(own.body);
  CHECK(own.status == 201);
  HttpResult foreign = request_token("theirs", Uid(admin, "pod", "theirs"));
  CHECK(foreign.status == 403);
  CHECK(Contains(foreign.body, "node requested token bound to a pod scheduled on a different node"));
  HttpResult unbound = kubelet_http.Post(
      "/api/v1/namespaces/t/serviceaccounts/bob/token",
      R"({"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","spec":{}})");
  CHECK(unbound.status == 403);
  CHECK(Contains(unbound.body, "node requested token not bound to a pod"));
  HttpResult other_account = kubelet_http.Post(
      "/api/v1/namespaces/t/serviceaccounts/default/token",
      R"({"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","spec":{}})");
  CHECK(other_account.status == 403);
  CHECK(Contains(other_account.body, "no relationship found between node 'n1' and this object"));

  // Leases: its own, in kube-node-lease.
  std::string lease = R"({"apiVersion":"coordination.k8s.io/v1","kind":"Lease",)"
                      R"("metadata":{"name":"NAME"},"spec":{"holderIdentity":"NAME"}})";
  auto create_lease = [&](const std::string& name) {
    std::string body = lease;
    for (size_t at; (at = body.find("NAME")) != std::string::npos;) body.replace(at, 4, name);
    return kubelet_http.Post("/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases",
                             body);
  };
  CHECK(create_lease("n1").status == 201);
  HttpResult foreign_lease = create_lease("n2");
  CHECK(foreign_lease.status == 403);
  CHECK(Contains(foreign_lease.body,
                 "can only access node lease with the same name as the requesting node"));
}

}  // namespace
}  // namespace kube::testing
