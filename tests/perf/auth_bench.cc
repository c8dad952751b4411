// auth-bench: what authentication and authorization add to each API request, in
// microseconds, measured in-process on the apiserver's own code (the request
// chain's authenticators, the RBAC authorizer over the default policy, and the Node
// authorizer over a graph of pods):
//  - an x509 client certificate (verified once, then remembered per chain),
//  - a ServiceAccount token (an RS256 signature checked on every request),
//  - RBAC allowing through a RoleBinding after the ~70 default ClusterRoleBindings,
//    and denying after walking everything,
//  - the whole chain (Admit) for a certificate user RBAC allows,
//  - the Node authorizer: adding a pod to its graph, and a kubelet's get of a secret
//    a pod on its node uses, and of one no pod there uses.
//
//   auth-bench [--iterations N] [--role-bindings N] [--graph-pods N] [--graph-nodes N]

#include "apiserver/authorization/node/node_authorizer.h"
#include <cstdio>
#include <functional>
#include <iostream>
#include <memory>

#include "absl/time/clock.h"
#include "apiserver/authentication/request_authenticator.h"
#include "common/auth/x509_authenticator.h"
#include "common/auth/always_allow.h"
#include "common/auth/union_authorizer.h"
#include "apiserver/authorization/rbac/bootstrap_policy.h"
#include "apiserver/authorization/rbac/rbac_authorizer.h"
#include "apiserver/authorization/rbac/static_object_source.h"
#include "apiserver/filters/request_chain.h"
#include "apiserver/serviceaccount/key_set.h"
#include "apiserver/serviceaccount/signing_key.h"
#include "apiserver/serviceaccount/token_authenticator.h"
#include "apiserver/serviceaccount/token_generator.h"
#include "common/flags/flag_set.h"
#include "common/pki/certificate_authority.h"
#include "common/pki/keys.h"
#include "common/tls/client_certificate.h"
#include "common/tls/pem.h"
#include "common/util/strings.h"

namespace kube::bench {
namespace {

using auth::RequestCredentials;
using auth::Attributes;

constexpr char kIssuer[] = "https://kubernetes.default.svc.cluster.local";

// The account and pod a token names, as the apiserver's caches would answer.
class BenchLookup final : public serviceaccount::ServiceAccountLookup {
 public:
  absl::StatusOr<std::optional<serviceaccount::ObjectRef>> GetServiceAccount(
      std::string_view, std::string_view) const override {
    serviceaccount::ObjectRef ref;
    ref.uid = "sa-uid";
    return ref;
  }
  absl::StatusOr<std::optional<serviceaccount::ObjectRef>> GetPod(std::string_view,
                                                                  std::string_view) const override {
    return std::nullopt;
  }
  absl::StatusOr<std::optional<serviceaccount::ObjectRef>> GetSecret(
      std::string_view, std::string_view) const override {
    return std::nullopt;
  }
  absl::StatusOr<std::optional<serviceaccount::ObjectRef>> GetNode(std::string_view) const override {
    return std::nullopt;
  }
};

// Microseconds per call of `body`, over `iterations` calls after a few to warm up.
double MicrosPerCall(int64_t iterations, const std::function<void()>& body) {
  for (int i = 0; i < 100; ++i) body();
  const absl::Time start = absl::Now();
  for (int64_t i = 0; i < iterations; ++i) body();
  return absl::ToDoubleMicroseconds(absl::Now() - start) / static_cast<double>(iterations);
}

template <typename T>
T Must(absl::StatusOr<T> value, const char* what) {
  if (!value.ok()) {
    std::cerr << what << ": " << value.status() << "\n";
    std::exit(1);
  }
  return std::move(*value);
}

int Main(int argc, char** argv) {
  int64_t iterations = 20000;
  int64_t role_bindings = 100;
  int64_t graph_pods = 30000;
  int64_t graph_nodes = 1000;
  flags::FlagSet flags("auth-bench", "Per-request cost of authentication and RBAC, in-process.");
  flags.Int("iterations", &iterations, "Calls per measurement.");
  flags.Int("role-bindings", &role_bindings, "Extra RoleBindings in the namespace asked about.");
  flags.Int("graph-pods", &graph_pods, "Pods in the Node authorizer's graph.");
  flags.Int("graph-nodes", &graph_nodes, "Nodes they are spread over.");
  if (absl::Status status = flags.Parse(argc, argv); !status.ok() || flags.help_requested()) {
    std::cerr << status.message() << "\n" << flags.Usage();
    return status.ok() ? 0 : 2;
  }

  // A CA and a client certificate for user "writer".
  tls::EvpPkeyPtr ca_key = Must(pki::GenerateKey(pki::KeyType::kEcdsaP256), "CA key");
  pki::CertificateSpec ca_spec;
  ca_spec.common_name = "bench-ca";
  ca_spec.is_ca = true;
  tls::X509Ptr ca = Must(pki::SelfSignedCa(ca_spec, ca_key.get()), "CA");
  tls::EvpPkeyPtr client_key = Must(pki::GenerateKey(pki::KeyType::kEcdsaP256), "client key");
  pki::CertificateSpec client_spec;
  client_spec.common_name = "writer";
  client_spec.organizations = {"writers"};
  client_spec.client_auth = true;
  tls::X509Ptr client =
      Must(pki::IssueCertificate(client_spec, client_key.get(), ca.get(), ca_key.get()), "client");
  auto verifier = Must(
      tls::ClientCertificateVerifier::FromPem(Must(tls::CertificateToPem(ca.get()), "CA PEM")),
      "verifier");

  // A ServiceAccount token (RS256), as `kubectl create token` makes one.
  tls::EvpPkeyPtr sa_key = Must(pki::GenerateKey(pki::KeyType::kRsa2048), "SA key");
  serviceaccount::SigningKey signing =
      Must(serviceaccount::SigningKey::FromPem(Must(tls::PrivateKeyToPem(sa_key.get()), "SA PEM")),
           "signing key");
  std::vector<serviceaccount::PublicKey> public_keys;
  public_keys.push_back(Must(serviceaccount::PublicKey::FromEvpPkey(sa_key.get()), "public key"));
  auto key_set = std::make_shared<const serviceaccount::PublicKeySet>(std::move(public_keys));
  serviceaccount::TokenRequestClaims claims;
  claims.audiences = {kIssuer};
  claims.issued_at = absl::Now();
  claims.expiration = absl::Hours(1);
  claims.namespace_name = "t";
  claims.service_account_name = "bob";
  claims.service_account_uid = "sa-uid";
  const std::string token =
      Must(serviceaccount::TokenGenerator(kIssuer, std::move(signing)).Generate(claims), "token");
  BenchLookup lookup;
  serviceaccount::TokenAuthenticatorConfig config;
  config.issuers = {kIssuer};
  config.api_audiences = {kIssuer};
  serviceaccount::TokenAuthenticator tokens(config, key_set, lookup);

  // The default policy, plus `role_bindings` bindings in namespace t; the last
  // grants writer pod creates there.
  apiserver::rbac::StaticRbacObjectSource source;
  for (auto& role : apiserver::rbac::AllClusterRoles()) source.AddClusterRole(std::move(role));
  for (auto& binding : apiserver::rbac::AllClusterRoleBindings()) {
    source.AddClusterRoleBinding(std::move(binding));
  }
  k8s::rbac::v1::ClusterRole writer_role;
  writer_role.mutable_metadata()->set_name("pod-writer");
  auto* rule = writer_role.add_rules();
  rule->add_apigroups("");
  rule->add_resources("pods");
  rule->add_verbs("create");
  source.AddClusterRole(writer_role);
  for (int64_t i = 0; i < role_bindings; ++i) {
    k8s::rbac::v1::RoleBinding binding;
    binding.mutable_metadata()->set_name(StrCat("binding-", i));
    binding.mutable_metadata()->set_namespace_("t");
    binding.mutable_roleref()->set_apigroup("rbac.authorization.k8s.io");
    binding.mutable_roleref()->set_kind("ClusterRole");
    binding.mutable_roleref()->set_name("pod-writer");
    auto* subject = binding.add_subjects();
    subject->set_kind("User");
    subject->set_apigroup("rbac.authorization.k8s.io");
    subject->set_name(i + 1 == role_bindings ? "writer" : StrCat("someone-", i));
    source.AddRoleBinding(std::move(binding));
  }
  apiserver::rbac::RbacAuthorizer rbac(source);

  std::vector<std::unique_ptr<auth::Authenticator>> x509;
  x509.push_back(std::make_unique<auth::X509Authenticator>(std::move(verifier)));
  std::vector<std::unique_ptr<auth::Authorizer>> authorizers;
  authorizers.push_back(std::make_unique<auth::PrivilegedGroupsAuthorizer>(
      std::vector<std::string>{auth::kSystemMasters}));
  authorizers.push_back(std::make_unique<apiserver::rbac::RbacAuthorizer>(source));
  apiserver::filters::RequestChain chain(
      std::make_unique<apiserver::authentication::RequestAuthenticator>(
          std::move(x509), std::vector<std::unique_ptr<apiserver::authentication::TokenAuthenticator>>{},
          true),
      std::make_unique<auth::UnionAuthorizer>(std::move(authorizers)));

  RequestCredentials certificate;
  certificate.peer_chain = {client.get()};
  Attributes create_pod;
  create_pod.resource_request = true;
  create_pod.verb = "create";
  create_pod.api_version = "v1";
  create_pod.resource = "pods";
  create_pod.namespace_ = "t";
  auth::UserInfo writer{"writer", "", {"writers", auth::kAllAuthenticated}, {}};
  auth::UserInfo stranger{"stranger", "", {auth::kAllAuthenticated}, {}};

  const double x509_us = MicrosPerCall(iterations, [&] {
    if (!chain.authenticator().Authenticate(certificate).ok()) std::abort();
  });
  const double token_us = MicrosPerCall(iterations, [&] {
    if (!tokens.Authenticate(token, absl::Now(), nullptr).ok()) std::abort();
  });
  std::string reason;
  const double allow_us = MicrosPerCall(iterations, [&] {
    Attributes attributes = create_pod;
    attributes.user = &writer;
    if (rbac.Decide(attributes, &reason) != auth::Decision::kAllow) std::abort();
  });
  const double deny_us = MicrosPerCall(iterations, [&] {
    Attributes attributes = create_pod;
    attributes.user = &stranger;
    if (rbac.Decide(attributes, &reason) == auth::Decision::kAllow) std::abort();
  });
  const double chain_us = MicrosPerCall(iterations, [&] {
    if (!chain.Admit(certificate, {}, create_pod).ok()) std::abort();
  });
  // The Node authorizer over a graph of `graph_pods` pods on `graph_nodes` nodes,
  // each pod with a ServiceAccount, two secrets and two configmaps of its own.
  if (graph_nodes <= 0 || graph_pods <= 0) graph_nodes = graph_pods = 1;
  apiserver::node::NodeGraph graph;
  std::vector<std::pair<apiserver::node::ObjectName, apiserver::node::PodReferences>> pods;
  for (int64_t i = 0; i < graph_pods; ++i) {
    apiserver::node::PodReferences references;
    references.node = StrCat("node-", i % graph_nodes);
    references.service_account = StrCat("sa-", i);
    references.secrets = {StrCat("secret-", i), StrCat("token-", i)};
    references.config_maps = {StrCat("config-", i), "kube-root-ca.crt"};
    pods.emplace_back(apiserver::node::ObjectName{"t", StrCat("pod-", i)}, std::move(references));
  }
  const absl::Time graph_start = absl::Now();
  for (auto& [name, references] : pods) graph.SetPod(name, references);
  const double graph_set_us =
      absl::ToDoubleMicroseconds(absl::Now() - graph_start) / static_cast<double>(graph_pods);
  apiserver::node::NodeAuthorizer node_authorizer(graph);
  auth::UserInfo kubelet{"system:node:node-7", "", {auth::kNodesGroup, auth::kAllAuthenticated}, {}};
  Attributes get_secret;
  get_secret.resource_request = true;
  get_secret.verb = "get";
  get_secret.api_version = "v1";
  get_secret.resource = "secrets";
  get_secret.namespace_ = "t";
  get_secret.user = &kubelet;
  const double node_allow_us = MicrosPerCall(iterations, [&] {
    Attributes attributes = get_secret;
    attributes.name = "secret-7";  // pod-7 runs on node-7
    if (*node_authorizer.Authorize(attributes, &reason) != auth::Decision::kAllow) std::abort();
  });
  const double node_deny_us = MicrosPerCall(iterations, [&] {
    Attributes attributes = get_secret;
    attributes.name = "secret-8";  // pod-8 runs on node-8
    if (*node_authorizer.Authorize(attributes, &reason) == auth::Decision::kAllow) std::abort();
  });

  std::printf("default policy: %zu ClusterRoleBindings; %lld RoleBindings in the namespace\n",
              apiserver::rbac::AllClusterRoleBindings().size(),
              static_cast<long long>(role_bindings));
  std::printf("x509 client certificate (remembered):  %8.2f us\n", x509_us);
  std::printf("ServiceAccount token (RS256 verify):   %8.2f us\n", token_us);
  std::printf("RBAC allow via the last RoleBinding:    %8.2f us\n", allow_us);
  std::printf("RBAC deny (every binding walked):       %8.2f us\n", deny_us);
  std::printf("request chain, certificate + RBAC:      %8.2f us\n", chain_us);
  std::printf("Node authorizer graph: %lld pods on %lld nodes, %.2f us per pod added\n",
              static_cast<long long>(graph_pods), static_cast<long long>(graph_nodes),
              graph_set_us);
  std::printf("Node authorizer, related secret:       %8.2f us\n", node_allow_us);
  std::printf("Node authorizer, unrelated secret:     %8.2f us\n", node_deny_us);
  return 0;
}

}  // namespace
}  // namespace kube::bench

int main(int argc, char** argv) { return kube::bench::Main(argc, argv); }
