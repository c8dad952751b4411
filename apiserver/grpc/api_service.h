#pragma once

#include <grpcpp/grpcpp.h>

#include "absl/time/time.h"
#include "apiserver/generic/store_set.h"
#include "apiserver/registry/resource_registry.h"
#include "kube/api/v1/api_service.grpc.pb.h"

namespace kube::apiserver {

struct ApiServiceOptions {
  // Watches without timeout_seconds end after a random time in [T, 2T).
  absl::Duration min_request_timeout = absl::Seconds(1800);
  absl::Duration bookmark_interval = absl::Seconds(30);
};

// The API over gRPC (proto/kube/api/v1/api_service.proto): the same resources and
// verbs as REST, through the same registry, stores and operations — only the
// encoding differs. Errors carry the Kubernetes Status REST would send, serialized
// in the gRPC status details. Thread-safe; holds no state of its own.
class ApiService final : public kube::api::v1::Api::Service {
 public:
  ApiService(const ResourceRegistry& registry, const StoreSet& stores, ApiServiceOptions options);

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
  struct Target {
    const ResourceInfo* resource = nullptr;
    const Store* store = nullptr;
  };
  absl::StatusOr<Target> Resolve(const kube::api::v1::ResourceRef& ref) const;

  const ResourceRegistry& registry_;
  const StoreSet& stores_;
  const ApiServiceOptions options_;
};

}  // namespace kube::apiserver
