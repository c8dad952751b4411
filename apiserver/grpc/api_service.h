#pragma once

#include <grpcpp/grpcpp.h>

#include "absl/time/time.h"
#include "apiserver/generic/store_set.h"
#include "apiserver/registry/resource_registry.h"
#include "common/auth/user_info.h"
#include "kube/api/v1/api_service.grpc.pb.h"

namespace kube::apiserver {

struct ApiServiceOptions {
  // Watches without timeout_seconds end after a random time in [T, 2T).
  absl::Duration min_request_timeout = absl::Seconds(1800);
  absl::Duration bookmark_interval = absl::Seconds(30);
  // Custom resources, asked for what the registry does not have; null: none.
  ResourceResolver custom_resources;
};

// The API over gRPC (proto/kube/api/v1/api_service.proto): the same resources and
// verbs as REST, through the same registry, stores and operations — only the
// encoding differs. Errors carry the Kubernetes Status REST would send, serialized
// in the gRPC status details. Each call names whom it acts as: the request chain
// (ObservedApiService, the gRPC service itself) has authenticated and authorized
// it. Thread-safe; holds no state of its own.
class ApiService {
 public:
  ApiService(const ResourceRegistry& registry, const StoreSet& stores, ApiServiceOptions options);

  grpc::Status Get(const auth::UserInfo& user, grpc::ServerContext* context, const kube::api::v1::GetRequest* request,
                   google::protobuf::Any* response);
  grpc::Status List(const auth::UserInfo& user, grpc::ServerContext* context, const kube::api::v1::ListRequest* request,
                    kube::api::v1::ListResponse* response);
  grpc::Status Create(const auth::UserInfo& user, grpc::ServerContext* context, const kube::api::v1::CreateRequest* request,
                      google::protobuf::Any* response);
  grpc::Status Update(const auth::UserInfo& user, grpc::ServerContext* context, const kube::api::v1::UpdateRequest* request,
                      google::protobuf::Any* response);
  grpc::Status Patch(const auth::UserInfo& user, grpc::ServerContext* context, const kube::api::v1::PatchRequest* request,
                     google::protobuf::Any* response);
  grpc::Status Delete(const auth::UserInfo& user, grpc::ServerContext* context, const kube::api::v1::DeleteRequest* request,
                      kube::api::v1::DeleteResponse* response);
  grpc::Status Watch(const auth::UserInfo& user, grpc::ServerContext* context, const kube::api::v1::WatchRequest* request,
                     grpc::ServerWriter<kube::api::v1::WatchEvent>* writer);

 private:
  struct Target {
    const ResourceInfo* resource = nullptr;
    const Store* store = nullptr;
    std::shared_ptr<const void> owner;  // keeps a custom resource's store alive
  };
  // The resource and store `ref` names. Resources never stored (reviews) resolve
  // only for `create`; other verbs on them are 405.
  absl::StatusOr<Target> Resolve(const kube::api::v1::ResourceRef& ref, bool create = false) const;

  const ResourceRegistry& registry_;
  const StoreSet& stores_;
  const ApiServiceOptions options_;
};

}  // namespace kube::apiserver
