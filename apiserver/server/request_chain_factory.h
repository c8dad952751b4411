#pragma once

#include <memory>

#include "absl/status/statusor.h"
#include <functional>

#include "apiserver/authorization/node/node_graph.h"
#include "k8s/core/v1/core.pb.h"
#include "apiserver/authorization/rbac/rbac_authorizer.h"
#include "apiserver/authorization/rbac/rbac_object_source.h"
#include "apiserver/filters/request_chain.h"
#include "apiserver/server/api_server_options.h"
#include "apiserver/serviceaccount/service_account_lookup.h"

namespace kube::apiserver {

// What the request chain reads live objects through (not owned; outlive the chain).
struct RequestChainSources {
  const serviceaccount::ServiceAccountLookup* service_accounts = nullptr;
  const rbac::RbacObjectSource* rbac = nullptr;
  // The Node authorizer's graph, and how to wait for it to catch up (with the
  // Node mode).
  const node::NodeGraph* node_graph = nullptr;
  std::function<void()> node_graph_catch_up;
  // Secrets in kube-system by name (with --enable-bootstrap-token-auth).
  std::function<absl::StatusOr<std::shared_ptr<const k8s::core::v1::Secret>>(const std::string&)>
      bootstrap_token_secret;
};

// The request chain the flags ask for: x509 certificates (--client-ca-file),
// bearer tokens (ServiceAccount JWTs with --service-account-key-file, static ones
// with --token-auth-file), anonymous (--anonymous-auth); system:masters, then the
// --authorization-mode authorizers (Node, RBAC, AlwaysAllow) in order. InvalidArgument for an unknown mode
// or unreadable key and CA files, naming them. `rbac` (optional) receives the RBAC
// authorizer inside the chain, or null without the RBAC mode.
absl::StatusOr<std::unique_ptr<filters::RequestChain>> NewRequestChain(
    const ApiServerOptions& options, const RequestChainSources& sources,
    const rbac::RbacAuthorizer** rbac = nullptr);

}  // namespace kube::apiserver
