#pragma once

#include <memory>
#include <string>

#include <grpcpp/grpcpp.h>
#include <httplib.h>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "apiserver/endpoints/discovery.h"
#include "apiserver/endpoints/resource_handler.h"
#include "apiserver/generic/store_set.h"
#include "apiserver/grpc/api_service.h"
#include "apiserver/openapi/openapi_documents.h"
#include "apiserver/registry/resource_registry.h"
#include "apiserver/server/compactor.h"
#include "apiserver/server/api_metrics.h"
#include "apiserver/server/observed_api_service.h"
#include "apiserver/storage/storage.h"
#include "common/http/upgradable_server.h"

namespace kube::apiserver {

// Flags of kube-apiserver (upstream names where the meaning is the same).
struct ApiServerOptions {
  std::string data_dir = "/var/lib/kube-apiserver";
  std::string bind_address = "127.0.0.1";
  int insecure_port = 8080;  // 0 picks a free port
  int grpc_port = 0;         // the gRPC API beside REST; 0 disables it
  std::string storage_backend = "sqlite";      // sqlite | etcd3
  std::vector<std::string> etcd_servers;       // etcd3: client URLs
  std::string etcd_prefix;                     // etcd3: prepended to every key
  std::string service_cluster_ip_range = "10.0.0.0/24";
  std::string service_node_port_range = "30000-32767";
  absl::Duration compaction_interval = absl::Minutes(5);  // --etcd-compaction-interval
  absl::Duration min_request_timeout = absl::Seconds(1800);
  absl::Duration watch_bookmark_interval = absl::Seconds(30);
  bool watch_cache = true;
};

// kube-apiserver: REST over HTTP on a storage backend. Owns everything it serves
// with; Run() blocks until Shutdown() (from any thread) or a listen failure.
class ApiServer {
 public:
  static absl::StatusOr<std::unique_ptr<ApiServer>> Create(const ApiServerOptions& options);
  ~ApiServer();

  // Binds, then serves until Shutdown(). `on_ready` runs once the socket listens.
  absl::Status Run(const std::function<void(int port)>& on_ready = nullptr);
  absl::Status StartGrpc();
  void Shutdown();

 private:
  explicit ApiServer(const ApiServerOptions& options);
  absl::Status Initialize();
  absl::StatusOr<std::unique_ptr<storage::Storage>> OpenStorage() const;
  absl::Status CreateDefaultNamespaces();
  void Dispatch(const httplib::Request& request, httplib::Response& response);
  bool ServeNonResource(const httplib::Request& request, httplib::Response& response);

  const ApiServerOptions options_;
  ApiServerMetrics metrics_;  // thread-safe; outlives the storage it observes
  std::unique_ptr<storage::Storage> storage_;
  ResourceRegistry registry_;
  std::unique_ptr<StoreSet> stores_;
  std::unique_ptr<Discovery> discovery_;
  std::unique_ptr<OpenApiDocuments> openapi_;
  std::unique_ptr<ResourceHandler> resources_;
  std::unique_ptr<Compactor> compactor_;
  std::unique_ptr<ApiService> grpc_service_;
  std::unique_ptr<ObservedApiService> observed_grpc_service_;  // grpc_service_, counted
  std::unique_ptr<grpc::Server> grpc_server_;  // started by Run when --grpc-port is set
  http::UpgradableServer http_;  // handlers may take over connections (exec, logs)
};

}  // namespace kube::apiserver
