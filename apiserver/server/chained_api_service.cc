#include "apiserver/server/chained_api_service.h"

#include "absl/time/clock.h"
#include "apiserver/server/grpc_credentials.h"
#include "common/api/grpc_status.h"

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

auth::Attributes AttributesOf(std::string verb, const kube::api::v1::ResourceRef& ref) {
  auth::Attributes attributes;
  attributes.resource_request = true;
  attributes.verb = std::move(verb);
  attributes.namespace_ = ref.namespace_();
  attributes.api_group = ref.group();
  attributes.api_version = ref.version();
  attributes.resource = ref.resource();
  attributes.subresource = ref.subresource();
  attributes.name = ref.name();
  return attributes;
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
grpc::Status ChainedApiService::Chained(grpc::ServerContext* context, std::string_view method,
                                        std::string verb, const kube::api::v1::ResourceRef& ref,
                                        bool watch, bool apply, Call call) {
  RequestLabels labels = LabelsForRequest(method, InfoOf(ref), watch, apply);
  const absl::Time start = absl::Now();
  GrpcCredentials credentials(*context, peer_chains_);
  absl::StatusOr<auth::UserInfo> user = chain_.Admit(
      credentials.credentials(), GrpcImpersonation(*context), AttributesOf(std::move(verb), ref));
  grpc::Status status;
  if (!user.ok()) {
    status = api::ToGrpcStatus(user.status());
  } else {
    std::shared_ptr<void> open = watch ? metrics_.TrackLongRunning(labels) : nullptr;
    status = call(*user);
  }
  metrics_.ObserveRequest(labels, HttpCodeOf(status), absl::Now() - start);
  return status;
}

grpc::Status ChainedApiService::Get(grpc::ServerContext* context,
                                    const kube::api::v1::GetRequest* request,
                                    google::protobuf::Any* response) {
  // A collection is never named here: a get.
  return Chained(context, "GET", "get", request->ref(), false, false,
                 [&](const auth::UserInfo& user) {
                   return inner_.Get(user, context, request, response);
                 });
}

grpc::Status ChainedApiService::List(grpc::ServerContext* context,
                                     const kube::api::v1::ListRequest* request,
                                     kube::api::v1::ListResponse* response) {
  return Chained(context, "GET", "list", request->ref(), false, false,
                 [&](const auth::UserInfo& user) {
                   return inner_.List(user, context, request, response);
                 });
}

grpc::Status ChainedApiService::Create(grpc::ServerContext* context,
                                       const kube::api::v1::CreateRequest* request,
                                       google::protobuf::Any* response) {
  return Chained(context, "POST", "create", request->ref(), false, false,
                 [&](const auth::UserInfo& user) {
                   return inner_.Create(user, context, request, response);
                 });
}

grpc::Status ChainedApiService::Update(grpc::ServerContext* context,
                                       const kube::api::v1::UpdateRequest* request,
                                       google::protobuf::Any* response) {
  return Chained(context, "PUT", "update", request->ref(), false, false,
                 [&](const auth::UserInfo& user) {
                   return inner_.Update(user, context, request, response);
                 });
}

grpc::Status ChainedApiService::Patch(grpc::ServerContext* context,
                                      const kube::api::v1::PatchRequest* request,
                                      google::protobuf::Any* response) {
  return Chained(context, "PATCH", "patch", request->ref(), false,
                 request->patch_type() == "application/apply-patch+yaml",
                 [&](const auth::UserInfo& user) {
                   return inner_.Patch(user, context, request, response);
                 });
}

grpc::Status ChainedApiService::Delete(grpc::ServerContext* context,
                                       const kube::api::v1::DeleteRequest* request,
                                       kube::api::v1::DeleteResponse* response) {
  return Chained(context, "DELETE", "delete", request->ref(), false, false,
                 [&](const auth::UserInfo& user) {
                   return inner_.Delete(user, context, request, response);
                 });
}

grpc::Status ChainedApiService::Watch(grpc::ServerContext* context,
                                      const kube::api::v1::WatchRequest* request,
                                      grpc::ServerWriter<kube::api::v1::WatchEvent>* writer) {
  return Chained(context, "GET", "watch", request->ref(), true, false,
                 [&](const auth::UserInfo& user) {
                   return inner_.Watch(user, context, request, writer);
                 });
}

}  // namespace kube::apiserver
