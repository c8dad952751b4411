#pragma once

#include <memory>
#include <string>

#include "apiserver/generic/store_informer.h"
#include "apiserver/generic/store_set.h"

namespace kube::apiserver {

// Upstream's APIService availability controllers, in process: keeps the Available
// condition of every APIService current as APIServices and Services change. Local
// ones are Available (reason Local); this server does not proxy to aggregated APIs
// yet, so the others are not (ServiceNotFound while their Service is missing).
class ApiServiceAvailability {
 public:
  // The stores outlive this object. Fails if a needed resource is not registered.
  static absl::StatusOr<std::unique_ptr<ApiServiceAvailability>> Start(const StoreSet& stores);

 private:
  ApiServiceAvailability(const Store& apiservices, const Store& services);
  // Writes the condition `name` should have, when it differs.
  void Reconcile(const std::string& name) const;
  // Every APIService that names a Service.
  void ReconcileRemote() const;

  const Store& apiservices_;
  const Store& services_;
  // Last: their threads call the methods above, so they stop first.
  std::unique_ptr<StoreInformer> apiservice_informer_;
  std::unique_ptr<StoreInformer> service_informer_;
};

}  // namespace kube::apiserver
