#pragma once

#include "apiserver/grpc/api_service.h"
#include "apiserver/server/api_metrics.h"

namespace kube::apiserver {

// The gRPC API with every call counted in the apiserver's metrics, as REST
// requests are: same verbs, scopes and (HTTP-equivalent) codes; a Watch is a
// long-running request while its stream lasts. Forwards to `inner`.
class ObservedApiService final : public kube::api::v1::Api::Service {
 public:
  ObservedApiService(ApiService& inner, ApiServerMetrics& metrics)
      : inner_(inner), metrics_(metrics) {}

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
  template <typename Call>
  grpc::Status Observed(std::string_view method, const kube::api::v1::ResourceRef& ref, bool watch,
                        bool apply, Call call);

  ApiService& inner_;
  ApiServerMetrics& metrics_;
};

// The HTTP status REST would have answered for a gRPC status.
int HttpCodeOf(const grpc::Status& status);

}  // namespace kube::apiserver
