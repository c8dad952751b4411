#pragma once

#include <map>
#include <memory>

#include "apiserver/customresource/crd_controller.h"
#include "apiserver/endpoints/aggregated_discovery.h"
#include "apiserver/endpoints/discovery.h"
#include "apiserver/endpoints/resource_handler.h"
#include "apiserver/generic/store_set.h"
#include "apiserver/openapi/openapi_documents.h"
#include "apiserver/registry/resource_registry.h"

namespace kube::apiserver {

// What REST requests are served from at one moment: the built-in resources and the
// custom resources of the CRDs established then, with discovery for all of them.
// Immutable; the server replaces it whole when the CRDs change, and a request (or
// a watch, for as long as it streams) holds the one it started with, so a CRD
// deleted meanwhile stays whole until its last request ends.
class ServedApi : public StoreView {
 public:
  // `builtins` and `stores` outlive this object. `previous`, the snapshot this one
  // replaces (if any), lends what did not change (the built-in OpenAPI documents).
  ServedApi(const ResourceRegistry& builtins, const StoreSet& stores,
            customresource::CrdController::Servings servings, const ResourceHandlerOptions& options,
            const ServedApi* previous = nullptr);

  const ResourceRegistry& registry() const { return registry_; }
  const Discovery& discovery() const { return *discovery_; }
  const AggregatedDiscovery& aggregated_discovery() const { return *aggregated_discovery_; }
  const ResourceHandler& handler() const { return *handler_; }
  const OpenApiDocuments& openapi() const { return *openapi_; }

  const Store* For(const ResourceInfo& resource) const override;
  const Store* Find(std::string_view group, std::string_view kind) const override;

  // Storage was compacted to `revision`: the custom resources' caches forget it too.
  void Compacted(storage::Revision revision) const;

 private:
  const StoreSet& builtin_stores_;
  const customresource::CrdController::Servings servings_;
  ResourceRegistry registry_;
  std::map<const ResourceInfo*, const Store*> custom_stores_;
  std::unique_ptr<Discovery> discovery_;
  std::unique_ptr<AggregatedDiscovery> aggregated_discovery_;
  std::unique_ptr<ResourceHandler> handler_;
  std::unique_ptr<OpenApiDocuments> openapi_;
};

}  // namespace kube::apiserver
