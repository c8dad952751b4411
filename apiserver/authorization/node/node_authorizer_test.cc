#include <catch2/catch.hpp>

#include "apiserver/authorization/node/node_authorizer.h"
#include "apiserver/authorization/node/node_graph.h"
#include "apiserver/authorization/node/references.h"

namespace kube::apiserver::node {
namespace {

using auth::Decision;

k8s::core::v1::Pod PodOn(const std::string& node, const std::string& name = "web") {
  k8s::core::v1::Pod pod;
  pod.mutable_metadata()->set_namespace_("t");
  pod.mutable_metadata()->set_name(name);
  pod.mutable_spec()->set_nodename(node);
  pod.mutable_spec()->set_serviceaccountname("bob");
  auto* volume = pod.mutable_spec()->add_volumes();
  volume->set_name("creds");
  volume->mutable_volumesource()->mutable_secret()->set_secretname("mounted");
  auto* claim = pod.mutable_spec()->add_volumes();
  claim->set_name("data");
  claim->mutable_volumesource()->mutable_persistentvolumeclaim()->set_claimname("data-claim");
  auto* projected = pod.mutable_spec()->add_volumes();
  projected->set_name("kube-api-access-x");
  projected->mutable_volumesource()->mutable_projected()->add_sources()->mutable_configmap()
      ->mutable_localobjectreference()->set_name("kube-root-ca.crt");
  auto* container = pod.mutable_spec()->add_containers();
  container->set_name("c");
  container->add_envfrom()->mutable_secretref()->mutable_localobjectreference()->set_name("env");
  auto* var = container->add_env();
  var->set_name("K");
  var->mutable_valuefrom()->mutable_configmapkeyref()->mutable_localobjectreference()->set_name(
      "settings");
  pod.mutable_spec()->add_imagepullsecrets()->set_name("registry");
  return pod;
}

auth::UserInfo Kubelet(const std::string& node) {
  return {"system:node:" + node, "", {"system:nodes", "system:authenticated"}, {}};
}


Decision Ask(const NodeAuthorizer& authorizer, const auth::UserInfo& user, std::string verb,
             std::string resource, std::string ns, std::string name, std::string* reason,
             std::string subresource = "", std::string group = "") {
  auth::Attributes attributes;
  attributes.user = &user;
  attributes.verb = std::move(verb);
  attributes.resource_request = true;
  attributes.api_group = std::move(group);
  attributes.resource = std::move(resource);
  attributes.subresource = std::move(subresource);
  attributes.namespace_ = std::move(ns);
  attributes.name = std::move(name);
  reason->clear();
  absl::StatusOr<Decision> decision = authorizer.Authorize(attributes, reason);
  REQUIRE(decision.ok());
  return *decision;
}

TEST_CASE("pod references: every secret, configmap, claim and the service account") {
  PodReferences references = ReferencesOf(PodOn("n1"));
  CHECK(references.node == "n1");
  CHECK(references.service_account == "bob");
  CHECK(references.secrets == std::vector<std::string>{"env", "mounted", "registry"});
  CHECK(references.config_maps == std::vector<std::string>{"kube-root-ca.crt", "settings"});
  CHECK(references.claims == std::vector<std::string>{"data-claim"});
}

TEST_CASE("node authorizer: a kubelet reads only what pods bound to it reference") {
  NodeGraph graph;
  int catch_ups = 0;
  NodeAuthorizer authorizer(graph, [&] { ++catch_ups; });
  auth::UserInfo n1 = Kubelet("n1");
  auth::UserInfo n2 = Kubelet("n2");
  std::string reason;

  CHECK(Ask(authorizer, n1, "get", "secrets", "t", "mounted", &reason) == Decision::kNoOpinion);
  CHECK(reason == "no relationship found between node 'n1' and this object");
  CHECK(catch_ups == 1);  // asked to catch up once before refusing

  graph.SetPod({"t", "web"}, ReferencesOf(PodOn("n1")));
  for (const char* secret : {"mounted", "env", "registry"}) {
    INFO(secret);
    CHECK(Ask(authorizer, n1, "get", "secrets", "t", secret, &reason) == Decision::kAllow);
    CHECK(Ask(authorizer, n2, "get", "secrets", "t", secret, &reason) == Decision::kNoOpinion);
  }
  CHECK(Ask(authorizer, n1, "watch", "configmaps", "t", "settings", &reason) == Decision::kAllow);
  CHECK(Ask(authorizer, n1, "get", "secrets", "other", "mounted", &reason) == Decision::kNoOpinion);
  CHECK(Ask(authorizer, n1, "get", "secrets", "t", "unrelated", &reason) == Decision::kNoOpinion);
  // Listing every secret names none.
  CHECK(Ask(authorizer, n1, "list", "secrets", "t", "", &reason) == Decision::kNoOpinion);
  CHECK(reason == "No Object name found");
  CHECK(Ask(authorizer, n1, "update", "secrets", "t", "mounted", &reason) == Decision::kNoOpinion);
  CHECK(reason == "can only read resources of this type");
  CHECK(Ask(authorizer, n1, "get", "persistentvolumeclaims", "t", "data-claim", &reason) ==
        Decision::kAllow);
  CHECK(Ask(authorizer, n1, "create", "serviceaccounts", "t", "bob", &reason, "token") ==
        Decision::kAllow);
  CHECK(Ask(authorizer, n2, "create", "serviceaccounts", "t", "bob", &reason, "token") ==
        Decision::kNoOpinion);
  CHECK(Ask(authorizer, n1, "get", "serviceaccounts", "t", "bob", &reason) == Decision::kNoOpinion);
  CHECK(reason == "can only create tokens for individual service accounts");

  // The pod moves away (rescheduled after deletion): the relationship goes with it.
  graph.SetPod({"t", "web"}, ReferencesOf(PodOn("n2")));
  CHECK(Ask(authorizer, n1, "get", "secrets", "t", "mounted", &reason) == Decision::kNoOpinion);
  CHECK(Ask(authorizer, n2, "get", "secrets", "t", "mounted", &reason) == Decision::kAllow);
  graph.RemovePod({"t", "web"});
  CHECK(Ask(authorizer, n2, "get", "secrets", "t", "mounted", &reason) == Decision::kNoOpinion);
}

TEST_CASE("node authorizer: two pods share a secret; it stays readable until both go") {
  NodeGraph graph;
  NodeAuthorizer authorizer(graph);
  auth::UserInfo n1 = Kubelet("n1");
  std::string reason;
  graph.SetPod({"t", "a"}, ReferencesOf(PodOn("n1", "a")));
  graph.SetPod({"t", "b"}, ReferencesOf(PodOn("n1", "b")));
  graph.RemovePod({"t", "a"});
  CHECK(Ask(authorizer, n1, "get", "secrets", "t", "mounted", &reason) == Decision::kAllow);
  graph.RemovePod({"t", "b"});
  CHECK(Ask(authorizer, n1, "get", "secrets", "t", "mounted", &reason) == Decision::kNoOpinion);
  // A relist replaces everything.
  graph.SetPod({"t", "a"}, ReferencesOf(PodOn("n1", "a")));
  graph.ReplacePods({});
  CHECK(Ask(authorizer, n1, "get", "secrets", "t", "mounted", &reason) == Decision::kNoOpinion);
}

TEST_CASE("node authorizer: persistent volumes and their secrets follow the claim") {
  NodeGraph graph;
  NodeAuthorizer authorizer(graph);
  auth::UserInfo n1 = Kubelet("n1");
  std::string reason;
  k8s::core::v1::PersistentVolume volume;
  volume.mutable_metadata()->set_name("pv1");
  volume.mutable_spec()->mutable_claimref()->set_namespace_("t");
  volume.mutable_spec()->mutable_claimref()->set_name("data-claim");
  volume.mutable_spec()->mutable_persistentvolumesource()->mutable_csi()
      ->mutable_nodepublishsecretref()->set_name("csi-secret");  // namespace: the claim's
  graph.SetVolume("pv1", ReferencesOf(volume));
  CHECK(Ask(authorizer, n1, "get", "persistentvolumes", "", "pv1", &reason) == Decision::kNoOpinion);
  graph.SetPod({"t", "web"}, ReferencesOf(PodOn("n1")));
  CHECK(Ask(authorizer, n1, "get", "persistentvolumes", "", "pv1", &reason) == Decision::kAllow);
  CHECK(Ask(authorizer, n1, "get", "secrets", "t", "csi-secret", &reason) == Decision::kAllow);
  CHECK(Ask(authorizer, n1, "list", "persistentvolumes", "", "", &reason) == Decision::kNoOpinion);
  graph.RemoveVolume("pv1");
  CHECK(Ask(authorizer, n1, "get", "persistentvolumes", "", "pv1", &reason) == Decision::kNoOpinion);
  CHECK(Ask(authorizer, n1, "get", "secrets", "t", "csi-secret", &reason) == Decision::kNoOpinion);
}

TEST_CASE("node authorizer: leases are the node's own; other kinds follow system:node's rules; "
          "other users get no opinion") {
  NodeGraph graph;
  NodeAuthorizer authorizer(graph);
  auth::UserInfo n1 = Kubelet("n1");
  std::string reason;
  const std::string leases = "coordination.k8s.io";
  CHECK(Ask(authorizer, n1, "update", "leases", "kube-node-lease", "n1", &reason, "", leases) ==
        Decision::kAllow);
  CHECK(Ask(authorizer, n1, "update", "leases", "kube-node-lease", "n2", &reason, "", leases) ==
        Decision::kNoOpinion);
  CHECK(reason == "can only access node lease with the same name as the requesting node");
  CHECK(Ask(authorizer, n1, "get", "leases", "default", "n1", &reason, "", leases) ==
        Decision::kNoOpinion);
  CHECK(Ask(authorizer, n1, "list", "pods", "", "", &reason) == Decision::kAllow);
  CHECK(Ask(authorizer, n1, "patch", "nodes", "", "n2", &reason, "status") == Decision::kAllow);
  CHECK(Ask(authorizer, n1, "delete", "namespaces", "", "t", &reason) == Decision::kNoOpinion);
  CHECK(Ask(authorizer, n1, "create", "pods", "t", "", &reason, "binding") == Decision::kNoOpinion);

  auth::UserInfo alice{"alice", "", {"system:authenticated"}, {}};
  CHECK(Ask(authorizer, alice, "list", "pods", "", "", &reason) == Decision::kNoOpinion);
  // The right name without the group is not a node.
  auth::UserInfo impostor{"system:node:n1", "", {"system:authenticated"}, {}};
  CHECK(Ask(authorizer, impostor, "list", "pods", "", "", &reason) == Decision::kNoOpinion);
  auth::UserInfo nameless{"system:node:", "", {"system:nodes"}, {}};
  CHECK(Ask(authorizer, nameless, "list", "pods", "", "", &reason) == Decision::kNoOpinion);
  CHECK(reason == "unknown node for user \"system:node:\"");
}

}  // namespace
}  // namespace kube::apiserver::node
