#pragma once

#include <httplib.h>

#include "absl/time/time.h"
#include "apiserver/endpoints/content_negotiation.h"
#include "apiserver/endpoints/kubelet_connector.h"
#include "apiserver/endpoints/request_info.h"
#include "apiserver/generic/store_set.h"
#include "apiserver/registry/resource_registry.h"

namespace kube::apiserver {

struct ResourceHandlerOptions {
  // Watches without timeoutSeconds end after a random time in
  // [min_request_timeout, 2 * min_request_timeout], as upstream's --min-request-timeout.
  absl::Duration min_request_timeout = absl::Seconds(1800);
  // How often a watch that asked for bookmarks gets one.
  absl::Duration bookmark_interval = absl::Seconds(30);
  // The client context for kubelets' ports (borrowed, outlives the handler); null:
  // plain HTTP.
  SSL_CTX* kubelet_tls = nullptr;
};

// Serves resource requests (/api/v1/namespaces/NS/pods/NAME/...): the REST verbs
// on top of the generic stores. Stateless and shared by all request threads.
class ResourceHandler {
 public:
  ResourceHandler(const ResourceRegistry& registry, const StoreView& stores,
                  ResourceHandlerOptions options);

  void Handle(const RequestInfo& info, const httplib::Request& request,
              httplib::Response& response) const;

 private:
  absl::Status Dispatch(const RequestInfo& info, const httplib::Request& request,
                        httplib::Response& response) const;
  absl::Status DispatchSubresource(const ResourceInfo& resource, const Store& store,
                                   const RequestInfo& info, const httplib::Request& request,
                                   httplib::Response& response) const;
  absl::Status Get(const ResourceInfo& resource, const Store& store, const RequestInfo& info,
                   const httplib::Request& request, httplib::Response& response) const;
  absl::Status List(const ResourceInfo& resource, const Store& store, const RequestInfo& info,
                    const httplib::Request& request, httplib::Response& response) const;
  absl::Status Create(const ResourceInfo& resource, const Store& store, const RequestInfo& info,
                      const httplib::Request& request, httplib::Response& response) const;
  // POST of a subresource the server answers itself (serviceaccounts/token).
  absl::Status CreateSubresource(const apiserver::CreateSubresource& subresource,
                                 const RequestInfo& info, const httplib::Request& request,
                                 httplib::Response& response) const;
  // POST of a resource never stored (an access or token review).
  absl::Status Review(const ResourceInfo& resource, const RequestInfo& info,
                      const httplib::Request& request, httplib::Response& response) const;
  absl::Status Replace(const ResourceInfo& resource, const Store& store, const RequestInfo& info,
                       const httplib::Request& request, httplib::Response& response) const;
  absl::Status Delete(const ResourceInfo& resource, const Store& store, const RequestInfo& info,
                      const httplib::Request& request, httplib::Response& response) const;
  absl::Status DeleteCollection(const ResourceInfo& resource, const Store& store,
                                const RequestInfo& info, const httplib::Request& request,
                                httplib::Response& response) const;

  // Decodes a write's body, checks its kind, and applies fieldValidation to
  // unknown fields (Strict: 400; Warn: a Warning header; Ignore).
  absl::StatusOr<ObjectPtr> DecodeWriteBody(const ResourceInfo& resource,
                                            const httplib::Request& request,
                                            httplib::Response& response) const;

  const ResourceRegistry& registry_;
  const StoreView& stores_;
  const ResourceHandlerOptions options_;
};

}  // namespace kube::apiserver
