#pragma once

#include <memory>
#include <string>

#include <grpcpp/grpcpp.h>
#include <httplib.h>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "apiserver/endpoints/aggregated_discovery.h"
#include "apiserver/endpoints/discovery.h"
#include "apiserver/endpoints/resource_handler.h"
#include "apiserver/generic/store_set.h"
#include "apiserver/grpc/api_service.h"
#include "apiserver/openapi/openapi_documents.h"
#include "apiserver/registry/resource_registry.h"
#include "apiserver/admission/admission.h"
#include "apiserver/authorization/node/node_graph_feeder.h"
#include "apiserver/filters/request_chain.h"
#include "apiserver/server/api_metrics.h"
#include "apiserver/server/apiservice_availability.h"
#include "apiserver/server/api_server_options.h"
#include "apiserver/server/chained_api_service.h"
#include "apiserver/server/compactor.h"
#include "apiserver/server/kubernetes_service.h"
#include "apiserver/server/served_api.h"
#include "apiserver/server/serving_credentials.h"
#include "apiserver/server/store_rbac_source.h"
#include "apiserver/server/store_service_account_lookup.h"
#include "apiserver/serviceaccount/oidc_discovery.h"
#include "apiserver/storage/storage.h"
#include "apiserver/tokenrequest/token_request_handler.h"
#include "common/http/upgradable_server.h"

namespace kube::apiserver {

// kube-apiserver: REST over HTTPS (and the gRPC API beside it) on a storage
// backend, every request through one request chain (authentication, impersonation,
// authorization). Owns everything it serves with; Run() blocks until Shutdown()
// (from any thread) or a listen failure.
class ApiServer {
 public:
  static absl::StatusOr<std::unique_ptr<ApiServer>> Create(const ApiServerOptions& options);
  ~ApiServer();

  // Binds, then serves until Shutdown(). `on_ready` runs once the sockets listen,
  // with the secure port.
  absl::Status Run(const std::function<void(int port)>& on_ready = nullptr);
  absl::Status StartGrpc();
  void Shutdown();

 private:
  explicit ApiServer(const ApiServerOptions& options);
  absl::Status Initialize();
  absl::StatusOr<std::unique_ptr<storage::Storage>> OpenStorage() const;
  absl::Status CreateDefaultNamespaces();
  absl::Status InitializeSecurity();
  // The TLS client context for kubelets' ports, from the --kubelet-* flags.
  absl::Status InitializeKubeletClient();
  // The TokenRequest subresource and OIDC discovery, from the service-account flags.
  absl::Status InitializeServiceAccountTokens();
  // The address others reach this server at: --advertise-address, else the bind
  // address, else 127.0.0.1; AdvertisedAddress adds the secure port.
  std::string AdvertisedHost() const;
  // --authorization-mode includes Node.
  bool NodeAuthorizerEnabled() const;
  std::string AdvertisedAddress() const;
  void ConfigureHttpServer(http::UpgradableServer& server, bool secure);
  // Serves one request; `secure`: it came over TLS and passes the request chain,
  // else (the development --insecure-port) it acts as system:masters.
  void Dispatch(const httplib::Request& request, httplib::Response& response, bool secure);
  bool ServeNonResource(const httplib::Request& request, httplib::Response& response);
  std::shared_ptr<const ServedApi> Served() const;
  // Serves the built-in resources and `servings`' custom ones from now on.
  void Publish(customresource::CrdController::Servings servings);

  const ApiServerOptions options_;
  // Whom the development --insecure-port's requests act as, as upstream's insecure
  // port did: a member of system:masters.
  const auth::UserInfo unsecured_user_{
      "system:unsecured", "", {auth::kSystemMasters, auth::kAllAuthenticated}, {}};
  ApiServerMetrics metrics_;  // thread-safe; outlives the storage it observes
  std::unique_ptr<storage::Storage> storage_;
  ResourceRegistry registry_;
  std::unique_ptr<StoreSet> stores_;
  ResourceHandlerOptions handler_options_;  // set at start
  // What REST requests are served from; replaced whole as CRDs come and go.
  mutable absl::Mutex served_mu_;
  std::shared_ptr<const ServedApi> served_ ABSL_GUARDED_BY(served_mu_);
  std::unique_ptr<customresource::CrdController> crd_controller_;
  std::unique_ptr<Compactor> compactor_;
  std::unique_ptr<ApiServiceAvailability> apiservice_availability_;
  std::unique_ptr<KubernetesService> kubernetes_service_;  // made once the port is bound
  std::unique_ptr<StoreServiceAccountLookup> service_account_lookup_;
  std::unique_ptr<StoreRbacSource> rbac_source_;
  // The Node authorizer's graph and its feed (with --authorization-mode Node);
  // the feed stops before the graph goes.
  std::unique_ptr<node::NodeGraph> node_graph_;
  std::unique_ptr<node::NodeGraphFeeder> node_graph_feeder_;
  std::unique_ptr<filters::RequestChain> chain_;  // both transports' request chain
  admission::Chain admission_;  // every store's admission steps; built at start
  ServingCredentials serving_credentials_;
  tls::SslCtxPtr kubelet_tls_;  // the client side of kubelets' HTTPS ports; set at start
  std::unique_ptr<TokenRequestHandler> token_requests_;  // null without a signing key
  std::unique_ptr<serviceaccount::OidcDiscovery> oidc_discovery_;  // null without keys
  std::unique_ptr<ApiService> grpc_service_;
  std::unique_ptr<ChainedApiService> chained_grpc_service_;  // grpc_service_ behind chain_
  std::unique_ptr<grpc::Server> grpc_server_;  // started by Run when --grpc-port is set
  http::UpgradableServer http_;  // HTTPS; handlers may take over connections (exec, logs)
  std::unique_ptr<http::UpgradableServer> insecure_http_;  // --insecure-port, or null
};

}  // namespace kube::apiserver
