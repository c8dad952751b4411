#include "apiserver/server/observed_api_service.h"

#include "absl/time/clock.h"

namespace kube::apiserver {
namespace {

RequestInfo InfoOf(const kube::api::v1::ResourceRef& ref) {
  RequestInfo info;
  info.is_resource_request = true;
  info.group = ref.group();
  info.version = ref.version();
  info.resource = ref.resource();
  info.namespace_ = ref.namespace_();
  info.name = ref.name();
  info.subresource = ref.subresource();
  return info;
}

}  // namespace

int HttpCodeOf(const grpc::Status& status) {
  switch (status.error_code()) {
    case grpc::StatusCode::OK: return 200;
    case grpc::StatusCode::INVALID_ARGUMENT: return 422;
    case grpc::StatusCode::NOT_FOUND: return 404;
    case grpc::StatusCode::ALREADY_EXISTS:
    case grpc::StatusCode::ABORTED: return 409;
    case grpc::StatusCode::PERMISSION_DENIED: return 403;
    case grpc::StatusCode::UNAUTHENTICATED: return 401;
    case grpc::StatusCode::FAILED_PRECONDITION: return 400;
    case grpc::StatusCode::OUT_OF_RANGE: return 410;
    case grpc::StatusCode::RESOURCE_EXHAUSTED: return 429;
    case grpc::StatusCode::UNIMPLEMENTED: return 405;
    case grpc::StatusCode::UNAVAILABLE: return 503;
    case grpc::StatusCode::DEADLINE_EXCEEDED: return 504;
    default: return 500;
  }
}

template <typename Call>
grpc::Status ObservedApiService::Observed(std::string_view method,
                                          const kube::api::v1::ResourceRef& ref, bool watch,
                                          bool apply, Call call) {
  RequestLabels labels = LabelsForRequest(method, InfoOf(ref), watch, apply);
  std::shared_ptr<void> open = watch ? metrics_.TrackLongRunning(labels) : nullptr;
  const absl::Time start = absl::Now();
  grpc::Status status = call();
  metrics_.ObserveRequest(labels, HttpCodeOf(status), absl::Now() - start);
  return status;
}

grpc::Status ObservedApiService::Get(grpc::ServerContext* context,
                                     const kube::api::v1::GetRequest* request,
                                     google::protobuf::Any* response) {
  // A collection is never named here: a get.
  return Observed("GET", request->ref(), false, false,
                  [&] { return inner_.Get(context, request, response); });
}

grpc::Status ObservedApiService::List(grpc::ServerContext* context,
                                      const kube::api::v1::ListRequest* request,
                                      kube::api::v1::ListResponse* response) {
  return Observed("GET", request->ref(), false, false,
                  [&] { return inner_.List(context, request, response); });
}

grpc::Status ObservedApiService::Create(grpc::ServerContext* context,
                                        const kube::api::v1::CreateRequest* request,
                                        google::protobuf::Any* response) {
  return Observed("POST", request->ref(), false, false,
                  [&] { return inner_.Create(context, request, response); });
}

grpc::Status ObservedApiService::Update(grpc::ServerContext* context,
                                        const kube::api::v1::UpdateRequest* request,
                                        google::protobuf::Any* response) {
  return Observed("PUT", request->ref(), false, false,
                  [&] { return inner_.Update(context, request, response); });
}

grpc::Status ObservedApiService::Patch(grpc::ServerContext* context,
                                       const kube::api::v1::PatchRequest* request,
                                       google::protobuf::Any* response) {
  return Observed("PATCH", request->ref(), false,
                  request->patch_type() == "application/apply-patch+yaml",
                  [&] { return inner_.Patch(context, request, response); });
}

grpc::Status ObservedApiService::Delete(grpc::ServerContext* context,
                                        const kube::api::v1::DeleteRequest* request,
                                        kube::api::v1::DeleteResponse* response) {
  return Observed("DELETE", request->ref(), false, false,
                  [&] { return inner_.Delete(context, request, response); });
}

grpc::Status ObservedApiService::Watch(grpc::ServerContext* context,
                                       const kube::api::v1::WatchRequest* request,
                                       grpc::ServerWriter<kube::api::v1::WatchEvent>* writer) {
  return Observed("GET", request->ref(), true, false,
                  [&] { return inner_.Watch(context, request, writer); });
}

}  // namespace kube::apiserver
