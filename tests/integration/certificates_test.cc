// Nodes that join with a token (issue 15): bootstrap tokens, the
// certificates.k8s.io/v1 CertificateSigningRequest API, kube-controller-manager's
// csrapproving and csrsigning loops, and kubectl certificate approve|deny, against
// the real apiserver and controller-manager.

#include <catch2/catch.hpp>

#include <filesystem>

#include "absl/strings/escaping.h"
#include "common/client/kubeconfig.h"
#include "common/pki/certificate_request.h"
#include "common/pki/keys.h"
#include "common/pki/pki_files.h"
#include "common/util/strings.h"
#include "tests/integration/integration_helpers.h"
#include "tests/support/api_client.h"
#include "tests/support/controller_manager_process.h"
#include "tests/support/eventually.h"
#include "tests/support/kubelet_process.h"

namespace kube::testing {
namespace {

constexpr char kToken[] = "abcdef.0123456789abcdef";

// What kubeadm sets up for joining nodes: the token, and the bindings that let
// bootstrappers ask for node certificates and have them approved, and nodes renew.
constexpr char kBootstrapSetup[] = R"(
apiVersion: v1
kind: Secret
metadata: {name: bootstrap-token-abcdef, namespace: kube-system}
type: bootstrap.kubernetes.io/token
stringData:
  token-id: abcdef
  token-secret: 0123456789abcdef
  usage-bootstrap-authentication: "true"
  auth-extra-groups: system:bootstrappers:kubeadm:default-node-token
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: kubeadm:kubelet-bootstrap}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: system:node-bootstrapper}
subjects:
- {apiGroup: rbac.authorization.k8s.io, kind: Group, name: system:bootstrappers:kubeadm:default-node-token}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: kubeadm:node-autoapprove-bootstrap}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "system:certificates.k8s.io:certificatesigningrequests:nodeclient"}
subjects:
- {apiGroup: rbac.authorization.k8s.io, kind: Group, name: system:bootstrappers:kubeadm:default-node-token}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: kubeadm:node-autoapprove-certificate-rotation}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "system:certificates.k8s.io:certificatesigningrequests:selfnodeclient"}
subjects:
- {apiGroup: rbac.authorization.k8s.io, kind: Group, name: system:nodes}
)";

struct KeyAndRequest {
  tls::EvpPkeyPtr key;
  std::string request_pem;
};

KeyAndRequest MakeRequest(const std::string& common_name,
                          const std::vector<std::string>& organizations) {
  absl::StatusOr<tls::EvpPkeyPtr> key = pki::GenerateKey(pki::KeyType::kEcdsaP256);
  REQUIRE(key.ok());
  pki::CertificateSpec spec;
  spec.common_name = common_name;
  spec.organizations = organizations;
  absl::StatusOr<std::string> pem = pki::CreateCertificateRequest(spec, key->get());
  REQUIRE(pem.ok());
  return {*std::move(key), *std::move(pem)};
}

std::string CsrJson(const std::string& name, const std::string& request_pem,
                    const std::string& signer, const std::string& usages) {
  return StrCat(R"({"apiVersion":"certificates.k8s.io/v1","kind":"CertificateSigningRequest",)",
                R"("metadata":{"name":")", name, R"("},"spec":{"request":")",
                absl::Base64Escape(request_pem), R"(","signerName":")", signer,
                R"(","usages":[)", usages, "]}}");
}

// ConfigMap kube-public/cluster-info (a kubeconfig with the CA and the server, no
// user) and the Role that lets anonymous requests read it, as kubeadm makes them.
std::string ClusterInfo(const ApiServerProcess& server) {
  std::string ca = ReadFile(TestPki::Shared().ca_file());
  std::string kubeconfig =
      StrCat("apiVersion: v1\nkind: Config\nclusters:\n- name: \"\"\n  cluster:\n"
             "    certificate-authority-data: ", absl::Base64Escape(ca), "\n    server: ",
             server.url(), "\ncontexts: []\nusers: []\n");
  std::string indented;
  for (char c : kubeconfig) {
    indented += c;
    if (c == '\n') indented += "    ";
  }
  return StrCat("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cluster-info, namespace: "
                "kube-public}\ndata:\n  kubeconfig: |\n    ", indented, "\n---\n",
                R"(apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: "kubeadm:bootstrap-signer-clusterinfo", namespace: kube-public}
rules:
- {apiGroups: [""], resources: [configmaps], resourceNames: [cluster-info], verbs: [get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: "kubeadm:bootstrap-signer-clusterinfo", namespace: kube-public}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: "kubeadm:bootstrap-signer-clusterinfo"}
subjects:
- {apiGroup: rbac.authorization.k8s.io, kind: User, name: "system:anonymous"}
)");
}

constexpr char kKubeletClientUsages[] = R"("digital signature","client auth")";

// The issued certificate once csrsigning has written it ("" until then).
std::string IssuedCertificate(ApiClient& admin, const std::string& name) {
  HttpResult csr = admin.Get("/apis/certificates.k8s.io/v1/certificatesigningrequests/" + name);
  std::string encoded = JsonString(ParseJson(csr.body), "/status/certificate");
  std::string pem;
  if (!encoded.empty()) absl::Base64Unescape(encoded, &pem);
  return pem;
}

// The apiserver (bootstrap tokens on, gRPC for the components), a controller-manager
// running csrapproving and csrsigning with the test CA (plus `manager_flags`), and
// kubeadm's bootstrap setup applied by the admin.
struct CertificateCluster {
  explicit CertificateCluster(std::vector<std::string> manager_flags = {}) {
    REQUIRE_STARTED(server);
    std::vector<std::string> flags = {"--controllers", "csrapproving,csrsigning",
                                      "--cluster-signing-cert-file", TestPki::Shared().ca_file(),
                                      "--cluster-signing-key-file",
                                      TestPki::Shared().dir() + "/ca.key"};
    flags.insert(flags.end(), manager_flags.begin(), manager_flags.end());
    manager = std::make_unique<ControllerManagerProcess>(server, flags);
    std::string why;
    INFO(why);
    REQUIRE(manager->Start(&why));
    admin = std::make_unique<Kubectl>(server);
    MustRun(*admin, {"apply", "-f", "-"}, kBootstrapSetup);
  }

  ApiServerProcess server{{"--enable-bootstrap-token-auth", "--grpc-port=auto"}};
  std::unique_ptr<ControllerManagerProcess> manager;
  std::unique_ptr<Kubectl> admin;
};

TEST_CASE("certificates: a bootstrap token gets a node its certificate, approved and signed "
          "by the controller-manager", "[certificates]") {
  REQUIRE_KUBECTL();
  CertificateCluster cluster;
  const ApiServerProcess& server = cluster.server;
  const ControllerManagerProcess& manager = *cluster.manager;
  Kubectl& admin = *cluster.admin;

  // The token authenticates as its bootstrapper; a wrong secret does not.
  ApiClient bootstrap = ApiClient::WithToken(server, kToken);
  HttpResult who = bootstrap.Post("/apis/authentication.k8s.io/v1/selfsubjectreviews",
                                  R"({"apiVersion":"authentication.k8s.io/v1",)"
                                  R"("kind":"SelfSubjectReview"})");
  INFO(who.body);
  CHECK(who.status == 201);
  CHECK(Contains(who.body, R"("username":"system:bootstrap:abcdef")"));
  CHECK(Contains(who.body, "system:bootstrappers:kubeadm:default-node-token"));
  ApiClient wrong = ApiClient::WithToken(server, "abcdef.0000000000000000");
  KeyAndRequest node = MakeRequest("system:node:n9", {"system:nodes"});
  CHECK(wrong.Post("/apis/certificates.k8s.io/v1/certificatesigningrequests",
                   CsrJson("node-csr-wrong", node.request_pem,
                           "kubernetes.io/kube-apiserver-client-kubelet", kKubeletClientUsages))
            .status == 401);

  // The bootstrapper asks for a node certificate: approved and signed by the loops.
  HttpResult created = bootstrap.Post(
      "/apis/certificates.k8s.io/v1/certificatesigningrequests",
      CsrJson("node-csr-n9", node.request_pem, "kubernetes.io/kube-apiserver-client-kubelet",
              kKubeletClientUsages));
  INFO(created.body);
  REQUIRE(created.status == 201);
  rapidjson::Document posted = ParseJson(created.body);
  CHECK(JsonString(posted, "/spec/username") == "system:bootstrap:abcdef");  // not what was sent
  ApiClient admin_http(server);
  std::string certificate;
  if (!Eventually([&] {
        certificate = IssuedCertificate(admin_http, "node-csr-n9");
        return !certificate.empty();
      })) {
    FAIL("not signed; the controller-manager's log ends:\n" << manager.LogTail());
  }
  CommandResult listed = MustRun(admin, {"get", "csr", "node-csr-n9"});
  CHECK(Contains(listed.out, "kubernetes.io/kube-apiserver-client-kubelet"));
  CHECK(Contains(listed.out, "system:bootstrap:abcdef"));
  CHECK(Contains(listed.out, "Approved,Issued"));
  CommandResult reason = MustRun(
      admin, {"get", "csr", "node-csr-n9", "-o", "jsonpath={.status.conditions[0].reason}"});
  CHECK(reason.out == "AutoApproved");

  // The certificate is the node's identity.
  TempDir dir;
  TlsIdentity identity{dir.path() + "/n9.crt", dir.path() + "/n9.key"};
  REQUIRE(pki::WriteFileAtomically(identity.cert_file, certificate, 0600).ok());
  REQUIRE(pki::WritePrivateKeyFile(identity.key_file, node.key.get()).ok());
  ApiClient as_node(server, identity);
  HttpResult review = as_node.Post("/apis/authentication.k8s.io/v1/selfsubjectreviews",
                                   R"({"apiVersion":"authentication.k8s.io/v1",)"
                                   R"("kind":"SelfSubjectReview"})");
  CHECK(Contains(review.body, R"("username":"system:node:n9")"));
  CHECK(as_node.Get("/api/v1/nodes").status == 200);

  // The node renews its own certificate: approved as selfnodeclient.
  KeyAndRequest renewal = MakeRequest("system:node:n9", {"system:nodes"});
  REQUIRE(as_node.Post("/apis/certificates.k8s.io/v1/certificatesigningrequests",
                       CsrJson("node-csr-n9-renewal", renewal.request_pem,
                               "kubernetes.io/kube-apiserver-client-kubelet",
                               kKubeletClientUsages))
              .status == 201);
  REQUIRE(Eventually([&] { return !IssuedCertificate(admin_http, "node-csr-n9-renewal").empty(); }));
  CHECK(MustRun(admin, {"get", "csr", "node-csr-n9-renewal", "-o",
                        "jsonpath={.status.conditions[0].message}"})
            .out == "Auto approving self kubelet client certificate after SubjectAccessReview.");
}

TEST_CASE("certificates: other requests wait for kubectl certificate approve or deny, and only "
          "approvers may decide", "[certificates]") {
  REQUIRE_KUBECTL();
  CertificateCluster cluster;
  const ApiServerProcess& server = cluster.server;
  Kubectl& admin = *cluster.admin;
  std::string why;
  ApiClient admin_http(server);
  ApiClient bootstrap = ApiClient::WithToken(server, kToken);

  // A client certificate for a person, and one asking for another node's name with
  // a server usage: neither is auto-approved.
  KeyAndRequest alice = MakeRequest("alice", {"developers"});
  REQUIRE(admin_http.Post("/apis/certificates.k8s.io/v1/certificatesigningrequests",
                          CsrJson("alice", alice.request_pem,
                                  "kubernetes.io/kube-apiserver-client",
                                  R"("digital signature","client auth")"))
              .status == 201);
  KeyAndRequest odd = MakeRequest("system:node:n7", {"system:nodes"});
  REQUIRE(bootstrap.Post("/apis/certificates.k8s.io/v1/certificatesigningrequests",
                         CsrJson("odd", odd.request_pem,
                                 "kubernetes.io/kube-apiserver-client-kubelet",
                                 R"("digital signature","client auth","server auth")"))
              .status == 201);
  // A good request made after them is approved and signed; by then the loop has
  // seen both others and left them pending.
  KeyAndRequest good = MakeRequest("system:node:n8", {"system:nodes"});
  REQUIRE(bootstrap.Post("/apis/certificates.k8s.io/v1/certificatesigningrequests",
                         CsrJson("good", good.request_pem,
                                 "kubernetes.io/kube-apiserver-client-kubelet",
                                 kKubeletClientUsages))
              .status == 201);
  REQUIRE(Eventually([&] { return !IssuedCertificate(admin_http, "good").empty(); }));
  CommandResult pending = MustRun(admin, {"get", "csr"});
  INFO(pending.out);
  CHECK(Contains(pending.out, "alice"));
  for (const char* name : {"alice", "odd"}) {
    CHECK(MustRun(admin, {"get", "csr", name, "-o", "jsonpath={.status.conditions}"}).out.empty());
  }

  // The bootstrapper may not approve its own request.
  HttpResult self_approval = bootstrap.Put(
      "/apis/certificates.k8s.io/v1/certificatesigningrequests/odd/approval",
      StrCat(R"({"apiVersion":"certificates.k8s.io/v1","kind":"CertificateSigningRequest",)"
             R"("metadata":{"name":"odd"},"spec":{"request":")",
             absl::Base64Escape(odd.request_pem),
             R"(","signerName":"kubernetes.io/kube-apiserver-client-kubelet",)"
             R"("usages":["client auth"]},"status":{"conditions":[{"type":"Approved",)"
             R"("status":"True","reason":"Mine"}]}})"));
  CHECK(self_approval.status == 403);

  // A person decides: alice's is approved and signed, odd is denied and never signed.
  CommandResult approved = MustRun(admin, {"certificate", "approve", "alice"});
  CHECK(Contains(approved.out, "certificatesigningrequest.certificates.k8s.io/alice approved"));
  CommandResult denied = MustRun(admin, {"certificate", "deny", "odd"});
  CHECK(Contains(denied.out, "certificatesigningrequest.certificates.k8s.io/odd denied"));
  REQUIRE(Eventually([&] { return !IssuedCertificate(admin_http, "alice").empty(); }));
  CHECK(Contains(MustRun(admin, {"get", "csr", "alice"}).out, "Approved,Issued"));
  CHECK(Contains(MustRun(admin, {"get", "csr", "odd"}).out, "Denied"));
  CHECK(IssuedCertificate(admin_http, "odd").empty());
  // A decision stands: approving a denied request is refused.
  CommandResult flip = admin.Run({"certificate", "approve", "odd"});
  CHECK(flip.exit_code != 0);

  // system:masters cannot be had through a certificate request.
  KeyAndRequest masters = MakeRequest("eve", {"system:masters"});
  HttpResult refused = admin_http.Post(
      "/apis/certificates.k8s.io/v1/certificatesigningrequests",
      CsrJson("eve", masters.request_pem, "kubernetes.io/kube-apiserver-client",
              R"("client auth")"));
  CHECK(refused.status == 403);
  CHECK(Contains(refused.body, "use of kubernetes.io/kube-apiserver-client signer with "
                               "system:masters group is not allowed"));
  // Bad requests are refused with the field named.
  HttpResult invalid = admin_http.Post(
      "/apis/certificates.k8s.io/v1/certificatesigningrequests",
      R"({"apiVersion":"certificates.k8s.io/v1","kind":"CertificateSigningRequest",)"
      R"("metadata":{"name":"bad"},"spec":{"request":"aGVsbG8=","signerName":"nodomain",)"
      R"("usages":["flying"]}})");
  CHECK(invalid.status == 422);
  CHECK(Contains(invalid.body, "spec.request"));
  CHECK(Contains(invalid.body, "spec.signerName"));
  CHECK(Contains(invalid.body, "spec.usages[0]"));
}

TEST_CASE("certificates: a kubelet joins with only a bootstrap token (TLS bootstrapping) and "
          "runs as its node", "[certificates]") {
  REQUIRE_KUBECTL();
  CertificateCluster cluster;
  const ApiServerProcess& server = cluster.server;
  Kubectl& admin = *cluster.admin;
  std::string why;

  // What a cluster publishes for joining machines, as kubeadm init does: the CA in
  // kube-public/cluster-info, readable without credentials.
  MustRun(admin, {"apply", "-f", "-"}, ClusterInfo(server));

  // The joining machine knows the URL, the token and the CA's pin, nothing else.
  CommandResult pin = RunCommand({BinDir() + "/kube-pki", "ca-hash", "--dir", TestPki::Shared().dir()});
  REQUIRE(pin.exit_code == 0);
  const std::string ca_hash = pin.out.substr(0, pin.out.find('\n'));
  REQUIRE(ca_hash.starts_with("sha256:"));
  KubeletProcess kubelet(server, "joiner");
  TempDir join_dir;
  const std::string bootstrap_kubeconfig = join_dir.path() + "/bootstrap.kubeconfig";
  auto discover = [&](const std::string& hash) {
    return RunCommand({BinDir() + "/kube-pki", "discover", "--server", server.url(), "--token",
                       kToken, "--discovery-token-ca-cert-hash", hash, "--out",
                       bootstrap_kubeconfig, "--kubeconfig-server", kubelet.server_url()});
  };
  // A wrong pin stops the join before the token is sent anywhere.
  const std::string wrong_hash = "sha256:" + std::string(64, '0');
  CommandResult refused = discover(wrong_hash);
  CHECK(refused.exit_code == 1);
  CHECK(Contains(refused.err, "the cluster CA's public key hash is " + ca_hash + ", not the " +
                                  wrong_hash));
  CHECK_FALSE(std::filesystem::exists(bootstrap_kubeconfig));
  CommandResult discovered = discover(ca_hash);
  INFO(discovered.out << discovered.err);
  REQUIRE(discovered.exit_code == 0);
  CHECK(Contains(discovered.out, "created " + bootstrap_kubeconfig));

  kubelet.UseBootstrapKubeconfig(bootstrap_kubeconfig);
  kubelet.UseServingCertificateFromCluster();
  REQUIRE(kubelet.Start(&why));
  // Its serving certificate request waits for an administrator, who checks it names
  // the node and approves it.
  std::string serving_csr;
  REQUIRE(Eventually([&] {
    serving_csr = admin
                      .Run({"get", "csr", "-o",
                            "jsonpath={.items[?(@.spec.signerName==\"kubernetes.io/"
                            "kubelet-serving\")].metadata.name}"})
                      .out;
    return !serving_csr.empty();
  }));
  CHECK(MustRun(admin, {"get", "csr", serving_csr, "-o", "jsonpath={.spec.username}"}).out ==
        "system:node:joiner");
  CHECK(Contains(MustRun(admin, {"get", "csr", serving_csr}).out, "Pending"));
  MustRun(admin, {"certificate", "approve", serving_csr});
  // It registers its Node as itself once it holds its certificate.
  if (!Eventually([&] {
        return admin.Run({"get", "node", "joiner"}).exit_code == 0;
      })) {
    FAIL("the node did not register; the kubelet's log ends:\n" << kubelet.log());
  }
  CHECK(Contains(MustRun(admin, {"get", "csr"}).out, "Approved,Issued"));
  // Its kubeconfig now holds a certificate for system:node:joiner, readable only
  // by its owner.
  CHECK((std::filesystem::status(kubelet.kubeconfig()).permissions() &
         std::filesystem::perms::all) ==
        (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
  absl::StatusOr<client::ClientConfig> joined = client::LoadKubeconfigFile(kubelet.kubeconfig());
  REQUIRE(joined.ok());
  CHECK(joined->server == server.grpc_url());
  TempDir dir;
  TlsIdentity identity{dir.path() + "/joiner.crt", dir.path() + "/joiner.key"};
  REQUIRE(pki::WriteFileAtomically(identity.cert_file, joined->client_certificate_pem, 0600).ok());
  REQUIRE(pki::WriteFileAtomically(identity.key_file, joined->client_key_pem, 0600).ok());
  ApiClient as_node(server, identity);
  HttpResult review = as_node.Post("/apis/authentication.k8s.io/v1/selfsubjectreviews",
                                   R"({"apiVersion":"authentication.k8s.io/v1",)"
                                   R"("kind":"SelfSubjectReview"})");
  CHECK(Contains(review.body, R"("username":"system:node:joiner")"));
  // The Node authorizer applies to it: another node's lease is not its to write.
  HttpResult foreign = as_node.Post(
      "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases",
      R"({"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"other"}})");
  CHECK(foreign.status == 403);

  // Its port serves the certificate the cluster CA signed: verified against the CA.
  HttpResult pods =
      ApiClient::Daemon(kubelet.port(), TestPki::Shared().apiserver_kubelet_client()).Get("/pods");
  CHECK(pods.status == 200);

  // A restart keeps both certificates: no new request.
  const std::string requests = MustRun(admin, {"get", "csr", "-o", "name"}).out;
  REQUIRE(kubelet.Restart(&why));
  REQUIRE(Eventually([&] { return Contains(kubelet.log(), "was registered before"); }));
  CHECK(MustRun(admin, {"get", "csr", "-o", "name"}).out == requests);
}

TEST_CASE("certificates: a kubelet renews its client certificate at 80% of its life, with its "
          "own, and carries on", "[certificates]") {
  REQUIRE_KUBECTL();
  // Certificates that live 20 seconds, so that rotation comes within the test.
  CertificateCluster cluster({"--cluster-signing-duration", "20s"});
  const ApiServerProcess& server = cluster.server;
  Kubectl& admin = *cluster.admin;
  std::string why;
  KubeletProcess kubelet(server, "rotator", {"--rotate-certificates"});
  kubelet.UseBootstrapToken(kToken);
  REQUIRE(kubelet.Start(&why));
  REQUIRE(Eventually([&] { return admin.Run({"get", "node", "rotator"}).exit_code == 0; }));
  const std::string first = ReadFile(kubelet.kubeconfig());

  // The renewal is asked for by the node itself (selfnodeclient) and the kubelet
  // restarts in place with it.
  auto renewals = [&] {
    return MustRun(admin, {"get", "csr", "-o",
                           "jsonpath={range .items[?(@.spec.username==\"system:node:rotator\")]}"
                           "{.status.conditions[0].reason}{\" \"}{end}"})
        .out;
  };
  const bool renewed = Eventually(
      [&] { return Contains(renewals(), "AutoApproved") &&
                   Contains(kubelet.log(), "restarting to load the rotated certificates") &&
                   Contains(kubelet.log(), "was registered before"); },
      absl::Seconds(60));
  INFO(renewals() << "\n" << kubelet.log());
  REQUIRE(renewed);
  CHECK(kubelet.Running());
  CHECK(ReadFile(kubelet.kubeconfig()) != first);
  // Still the node: its lease keeps being renewed with the new certificate.
  const std::string renew_time = MustRun(admin, {"get", "lease", "rotator", "-n",
                                                 "kube-node-lease", "-o",
                                                 "jsonpath={.spec.renewTime}"}).out;
  CHECK(Eventually([&] {
    return MustRun(admin, {"get", "lease", "rotator", "-n", "kube-node-lease", "-o",
                           "jsonpath={.spec.renewTime}"})
               .out != renew_time;
  }));
}

TEST_CASE("certificates: a kubelet whose token is unknown never gets a certificate",
          "[certificates]") {
  ApiServerProcess server({"--enable-bootstrap-token-auth", "--grpc-port=auto"});
  REQUIRE_STARTED(server);
  KubeletProcess kubelet(server, "stranger");
  kubelet.UseBootstrapToken("zzzzzz.0123456789abcdef");
  std::string why;
  kubelet.Start(&why);
  // TLS bootstrap fails with 401 and the kubelet exits, leaving no kubeconfig.
  REQUIRE(Eventually([&] { return !kubelet.Running(); }));
  CHECK(Contains(kubelet.log(), "TLS bootstrap failed"));
  CHECK_FALSE(std::filesystem::exists(kubelet.kubeconfig()));
}

}  // namespace
}  // namespace kube::testing
