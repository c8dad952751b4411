#include "common/client/rest_transport.h"

#include "common/api/object.h"
#include "common/client/rest_decode.h"
#include "common/client/rest_paths.h"
#include "common/client/rest_watch_stream.h"
#include "common/codec/json_encode.h"
#include "common/util/strings.h"

namespace kube::client {
namespace {

constexpr char kJson[] = "application/json";

using internal::HttpRequest;
using internal::HttpResponse;

// Which namespace a write goes to: the call's, else the object's own.
std::string NamespaceFor(const Resource& resource, const std::string& ns,
                         const google::protobuf::Message& object) {
  if (!resource.namespaced || !ns.empty()) return ns;
  const k8s::meta::v1::ObjectMeta* meta = api::ObjectMetaOf(object);
  return meta == nullptr ? "" : meta->namespace_();
}

// The object's name; for a subresource kind without metadata (none today), "".
std::string NameOf(const google::protobuf::Message& object) {
  const k8s::meta::v1::ObjectMeta* meta = api::ObjectMetaOf(object);
  return meta == nullptr ? "" : meta->name();
}

}  // namespace

absl::StatusOr<std::unique_ptr<RestTransport>> RestTransport::Create(ClientConfig config) {
  absl::StatusOr<std::unique_ptr<internal::CurlSession>> session =
      internal::CurlSession::Create(std::move(config));
  if (!session.ok()) return session.status();
  return std::unique_ptr<RestTransport>(new RestTransport(std::move(*session)));
}

absl::StatusOr<HttpResponse> RestTransport::Send(const HttpRequest& request) {
  absl::StatusOr<HttpResponse> response = session_->Do(request);
  if (!response.ok()) return response.status();
  if (response->status < 200 || response->status >= 300) {
    return internal::ErrorFromResponse(response->status, response->body);
  }
  return response;
}

absl::StatusOr<ObjectPtr> RestTransport::SendForObject(const HttpRequest& request,
                                                       const google::protobuf::Message& fallback) {
  absl::StatusOr<HttpResponse> response = Send(request);
  if (!response.ok()) return response.status();
  return internal::DecodeObject(response->body, fallback);
}

absl::StatusOr<ObjectPtr> RestTransport::Get(const Resource& resource, const std::string& ns,
                                             const std::string& name,
                                             const std::string& subresource) {
  if (name.empty()) return absl::InvalidArgumentError("get: a resource name is required");
  HttpRequest request;
  request.path = internal::ResourcePath(resource, ns, name, subresource);
  return SendForObject(request, *resource.prototype);
}

absl::StatusOr<ListResult> RestTransport::List(const Resource& resource, const std::string& ns,
                                               const ListOptions& options) {
  HttpRequest request;
  request.path = StrCat(internal::ResourcePath(resource, ns, ""),
                        internal::ListQuery(options, /*watch=*/false));
  absl::StatusOr<HttpResponse> response = Send(request);
  if (!response.ok()) return response.status();
  return internal::DecodeList(response->body, resource);
}

absl::StatusOr<ObjectPtr> RestTransport::Write(const char* method, const Resource& resource,
                                               const std::string& ns,
                                               const google::protobuf::Message& object,
                                               const WriteOptions& options,
                                               const std::string& subresource) {
  std::string target_ns = NamespaceFor(resource, ns, object);
  if (resource.namespaced && target_ns.empty()) {
    return absl::InvalidArgumentError(
        StrCat(resource.kind, ": a namespace is required (in the call or in metadata)"));
  }
  // POST goes to the collection, except for a subresource of one object (binding,
  // eviction), whose name is the object's.
  bool to_object = std::string_view(method) == "PUT" || !subresource.empty();
  std::string name = to_object ? NameOf(object) : "";
  if (to_object && name.empty()) {
    return absl::InvalidArgumentError(StrCat(resource.kind, ": metadata.name is required"));
  }
  HttpRequest request;
  request.method = method;
  request.path = StrCat(internal::ResourcePath(resource, target_ns, name, subresource),
                        internal::WriteQuery(options));
  request.body = codec::EncodeJson(object);
  request.content_type = kJson;
  return SendForObject(request, *resource.prototype);
}

absl::StatusOr<ObjectPtr> RestTransport::Create(const Resource& resource, const std::string& ns,
                                                const google::protobuf::Message& object,
                                                const WriteOptions& options,
                                                const std::string& subresource) {
  return Write("POST", resource, ns, object, options, subresource);
}

absl::StatusOr<ObjectPtr> RestTransport::Update(const Resource& resource, const std::string& ns,
                                                const google::protobuf::Message& object,
                                                const WriteOptions& options,
                                                const std::string& subresource) {
  return Write("PUT", resource, ns, object, options, subresource);
}

absl::StatusOr<ObjectPtr> RestTransport::Patch(const Resource& resource, const std::string& ns,
                                               const std::string& name,
                                               const std::string& patch_type,
                                               const std::string& patch,
                                               const WriteOptions& options,
                                               const std::string& subresource) {
  if (name.empty()) return absl::InvalidArgumentError("patch: a resource name is required");
  HttpRequest request;
  request.method = "PATCH";
  request.path = StrCat(internal::ResourcePath(resource, ns, name, subresource),
                        internal::WriteQuery(options));
  request.body = patch;
  request.content_type = patch_type;
  return SendForObject(request, *resource.prototype);
}

absl::StatusOr<ObjectPtr> RestTransport::Delete(const Resource& resource, const std::string& ns,
                                                const std::string& name,
                                                const k8s::meta::v1::DeleteOptions& options) {
  if (name.empty()) return absl::InvalidArgumentError("delete: a resource name is required");
  HttpRequest request;
  request.method = "DELETE";
  request.path = internal::ResourcePath(resource, ns, name);
  if (options.ByteSizeLong() > 0) {
    request.body = codec::EncodeJson(options);
    request.content_type = kJson;
  }
  absl::StatusOr<ObjectPtr> object = SendForObject(request, *resource.prototype);
  if (!object.ok()) return object.status();
  if (internal::IsStatus(**object)) return nullptr;
  return object;
}

absl::StatusOr<std::unique_ptr<WatchStream>> RestTransport::Watch(const Resource& resource,
                                                                  const std::string& ns,
                                                                  const ListOptions& options) {
  HttpRequest request;
  request.path = StrCat(internal::ResourcePath(resource, ns, ""),
                        internal::ListQuery(options, /*watch=*/true));
  return internal::RestWatchStream::Open(*session_, resource, request);
}

absl::StatusOr<std::unique_ptr<RestTransport>> NewRestTransportFromKubeconfig(
    std::string_view kubeconfig_path) {
  absl::StatusOr<ClientConfig> config = LoadKubeconfig(kubeconfig_path);
  if (!config.ok()) return config.status();
  return RestTransport::Create(std::move(*config));
}

}  // namespace kube::client
