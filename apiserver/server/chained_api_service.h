#pragma once

#include "apiserver/filters/request_chain.h"
#include "apiserver/grpc/api_service.h"
#include "apiserver/server/api_metrics.h"
#include "apiserver/server/grpc_credentials.h"

namespace kube::apiserver {

// The gRPC API as served: every call passes the request chain REST requests pass
// (the TLS client certificate or the "authorization" metadata, impersonate-*
// metadata, authorization of the verb on the ResourceRef), is counted in the
// apiserver's metrics as REST requests are (same verbs, scopes and HTTP-equivalent
// codes; a Watch is long-running while its stream lasts), and goes to `inner` as
// the user the chain admitted. Thread-safe.
class ChainedApiService final : public kube::api::v1::Api::Service {
 public:
  ChainedApiService(ApiService& inner, const filters::RequestChain& chain,
                    ApiServerMetrics& metrics)
      : inner_(inner), chain_(chain), metrics_(metrics) {}

  grpc::Status Get(grpc::ServerContext* context, const kube::api::v1::GetRequest* request,
                   google::protobuf::Any* response) override;
  grpc::Status List(grpc::ServerContext* context, const kube::api::v1::ListRequest* request,
                    kube::api::v1::ListResponse* response) override;
  grpc::Status Create(grpc::ServerContext* context, const kube::api::v1::CreateRequest* request,
                      google::protobuf::Any* response) override;
  grpc::Status Update(grpc::ServerContext* context, const kube::api::v1::UpdateRequest* request,
                      google::protobuf::Any* response) override;
  grpc::Status Patch(grpc::ServerContext* context, const kube::api::v1::PatchRequest* request,
                     google::protobuf::Any* response) override;
  grpc::Status Delete(grpc::ServerContext* context, const kube::api::v1::DeleteRequest* request,
                      kube::api::v1::DeleteResponse* response) override;
  grpc::Status Watch(grpc::ServerContext* context, const kube::api::v1::WatchRequest* request,
                     grpc::ServerWriter<kube::api::v1::WatchEvent>* writer) override;

 private:
  // Admits the call (verb on `ref`), counts it, and runs `call(user)`.
  template <typename Call>
  grpc::Status Chained(grpc::ServerContext* context, std::string_view method, std::string verb,
                       const kube::api::v1::ResourceRef& ref, bool watch, bool apply, Call call);

  ApiService& inner_;
  const filters::RequestChain& chain_;
  ApiServerMetrics& metrics_;
  PeerChainCache peer_chains_;  // thread-safe; shared by every call
};

// The HTTP status REST would have answered for a gRPC status.
int HttpCodeOf(const grpc::Status& status);

}  // namespace kube::apiserver
