#include "apiserver/registry/core/service_strategy.h"

#include "apiserver/registry/core/service_defaults.h"
#include "apiserver/registry/core/service_validation.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver::core {
namespace {

using k8s::core::v1::Service;

const Service& AsService(const google::protobuf::Message& object) {
  return static_cast<const Service&>(object);
}
Service& AsService(google::protobuf::Message& object) { return static_cast<Service&>(object); }

}  // namespace

ServiceStrategy::ServiceStrategy(std::unique_ptr<ServiceIpAllocator> ips,
                                 std::unique_ptr<NodePortAllocator> ports)
    : ips_(std::move(ips)),
      ports_(std::move(ports)),
      allocation_(ips_ && ports_ ? std::make_unique<ServiceAllocation>(*ips_, *ports_) : nullptr) {}

void ServiceStrategy::Default(google::protobuf::Message& object) const {
  DefaultService(AsService(object));
}

void ServiceStrategy::PrepareForCreate(google::protobuf::Message& object) const {
  Strategy::PrepareForCreate(object);
  NormalizeClusterIPs(AsService(object), nullptr);
}

void ServiceStrategy::PrepareForUpdate(google::protobuf::Message& object,
                                       const google::protobuf::Message& old) const {
  Strategy::PrepareForUpdate(object, old);
  Service& service = AsService(object);
  PatchAllocatedValues(service, AsService(old));
  NormalizeClusterIPs(service, &AsService(old));
  DropTypeDependentFields(service, AsService(old));
}

api::FieldErrors ServiceStrategy::Validate(const google::protobuf::Message& object) const {
  return ValidateService(AsService(object));
}

api::FieldErrors ServiceStrategy::ValidateUpdate(const google::protobuf::Message& object,
                                                 const google::protobuf::Message& old) const {
  return ValidateServiceUpdate(AsService(object), AsService(old));
}

absl::StatusOr<FinishFunc> ServiceStrategy::BeginCreate(google::protobuf::Message& object) const {
  if (allocation_ == nullptr) return Strategy::BeginCreate(object);
  return allocation_->Allocate(AsService(object));
}

absl::StatusOr<FinishFunc> ServiceStrategy::BeginUpdate(google::protobuf::Message& object,
                                                        const google::protobuf::Message& old) const {
  if (allocation_ == nullptr) return Strategy::BeginUpdate(object, old);
  return allocation_->Reallocate(AsService(object), AsService(old));
}

void ServiceStrategy::AfterDelete(const google::protobuf::Message& object) const {
  if (allocation_ != nullptr) allocation_->Release(AsService(object));
}

}  // namespace kube::apiserver::core
