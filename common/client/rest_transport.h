#pragma once

#include <memory>

#include "absl/status/statusor.h"
#include "common/client/curl_session.h"
#include "common/client/kubeconfig.h"
#include "common/client/transport.h"

namespace kube::client {

// Transport over Kubernetes REST and JSON with libcurl: upstream's paths, query
// parameters, Status errors and watch streams, so it works against any
// Kubernetes apiserver. Connections are pooled and reused across calls; TLS and
// bearer-token or basic authentication come from the ClientConfig. Thread-safe.
class RestTransport final : public Transport {
 public:
  // InvalidArgument when config.server is not an http(s) URL.
  static absl::StatusOr<std::unique_ptr<RestTransport>> Create(ClientConfig config);

  const ClientConfig& config() const { return session_->config(); }

  // Transport
  absl::StatusOr<ObjectPtr> Get(const Resource& resource, const std::string& ns,
                                const std::string& name,
                                const std::string& subresource = "") override;
  absl::StatusOr<ListResult> List(const Resource& resource, const std::string& ns,
                                  const ListOptions& options) override;
  absl::StatusOr<ObjectPtr> Create(const Resource& resource, const std::string& ns,
                                   const google::protobuf::Message& object,
                                   const WriteOptions& options = {},
                                   const std::string& subresource = "") override;
  absl::StatusOr<ObjectPtr> Update(const Resource& resource, const std::string& ns,
                                   const google::protobuf::Message& object,
                                   const WriteOptions& options = {},
                                   const std::string& subresource = "") override;
  absl::StatusOr<ObjectPtr> Patch(const Resource& resource, const std::string& ns,
                                  const std::string& name, const std::string& patch_type,
                                  const std::string& patch, const WriteOptions& options = {},
                                  const std::string& subresource = "") override;
  absl::StatusOr<ObjectPtr> Delete(const Resource& resource, const std::string& ns,
                                   const std::string& name,
                                   const k8s::meta::v1::DeleteOptions& options = {}) override;
  absl::StatusOr<std::unique_ptr<WatchStream>> Watch(const Resource& resource,
                                                     const std::string& ns,
                                                     const ListOptions& options) override;

 private:
  explicit RestTransport(std::unique_ptr<internal::CurlSession> session)
      : session_(std::move(session)) {}

  // Sends `request`; a non-2xx answer becomes its Status error.
  absl::StatusOr<internal::HttpResponse> Send(const internal::HttpRequest& request);
  // Sends `request` and decodes the answer as one object (falling back to `fallback`'s type).
  absl::StatusOr<ObjectPtr> SendForObject(const internal::HttpRequest& request,
                                          const google::protobuf::Message& fallback);
  // PUT or POST of `object` to NAME[/subresource] or the collection.
  absl::StatusOr<ObjectPtr> Write(const char* method, const Resource& resource,
                                  const std::string& ns, const google::protobuf::Message& object,
                                  const WriteOptions& options, const std::string& subresource);

  const std::unique_ptr<internal::CurlSession> session_;  // thread-safe; constant
};

// A RestTransport from --kubeconfig (or $KUBECONFIG, or ~/.kube/config).
absl::StatusOr<std::unique_ptr<RestTransport>> NewRestTransportFromKubeconfig(
    std::string_view kubeconfig_path);

}  // namespace kube::client
