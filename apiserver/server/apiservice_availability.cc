#include "apiserver/server/apiservice_availability.h"

#include "apiserver/registry/apiregistration/availability.h"
#include "common/api/object.h"
#include "common/log/log.h"
#include "k8s/apiregistration/v1/apiregistration.pb.h"

namespace kube::apiserver {

using k8s::apiregistration::v1::APIService;

absl::StatusOr<std::unique_ptr<ApiServiceAvailability>> ApiServiceAvailability::Start(
    const StoreSet& stores) {
  const Store* apiservices = stores.Find("apiregistration.k8s.io", "APIService");
  const Store* services = stores.Find("", "Service");
  if (apiservices == nullptr || services == nullptr) {
    return absl::FailedPreconditionError("APIService availability needs apiservices and services");
  }
  return std::unique_ptr<ApiServiceAvailability>(
      new ApiServiceAvailability(*apiservices, *services));
}

ApiServiceAvailability::ApiServiceAvailability(const Store& apiservices, const Store& services)
    : apiservices_(apiservices), services_(services) {
  StoreInformer::Handler apiservice_handler;
  apiservice_handler.replace = [this](std::vector<SharedObject> objects) {
    for (const SharedObject& object : objects) Reconcile(api::ObjectMetaOf(*object)->name());
  };
  apiservice_handler.apply = [this](const WatchEvent& event) {
    if (event.type != "DELETED") Reconcile(api::ObjectMetaOf(*event.object)->name());
  };
  StoreInformer::Handler service_handler;
  service_handler.replace = [this](std::vector<SharedObject>) { ReconcileRemote(); };
  service_handler.apply = [this](const WatchEvent& event) {
    if (event.type == "ADDED" || event.type == "DELETED") ReconcileRemote();
  };
  apiservice_informer_ =
      std::make_unique<StoreInformer>(apiservices_, std::move(apiservice_handler));
  service_informer_ = std::make_unique<StoreInformer>(services_, std::move(service_handler));
}

void ApiServiceAvailability::Reconcile(const std::string& name) const {
  const auto exists = [this](const std::string& ns, const std::string& service) {
    return services_.GetCached(ns, service).ok();
  };
  absl::Status status =
      apiservices_
          .Update("", name,
                  [&](const google::protobuf::Message& current) -> absl::StatusOr<ObjectPtr> {
                    auto updated =
                        std::make_unique<APIService>(static_cast<const APIService&>(current));
                    apiregistration::SetCondition(
                        *updated->mutable_status(),
                        apiregistration::AvailableCondition(*updated, exists), api::Now());
                    return ObjectPtr(std::move(updated));
                  },
                  UpdateMode::kStatus, {})
          .status();
  if (!status.ok() && !absl::IsNotFound(status)) {
    KLOG(Warning) << "updating the availability of APIService " << name << ": " << status;
  }
}

void ApiServiceAvailability::ReconcileRemote() const {
  absl::StatusOr<std::vector<SharedObject>> all = apiservices_.ListShared("");
  if (!all.ok()) {
    KLOG(Warning) << "listing APIServices: " << all.status();
    return;
  }
  for (const SharedObject& object : *all) {
    const auto& service = static_cast<const APIService&>(*object);
    if (service.spec().has_service()) Reconcile(service.metadata().name());
  }
}

}  // namespace kube::apiserver
