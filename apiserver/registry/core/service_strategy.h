#pragma once

#include <memory>

#include "apiserver/registry/core/node_port_allocator.h"
#include "apiserver/registry/core/service_allocation.h"
#include "apiserver/registry/core/service_ip_allocator.h"
#include "apiserver/registry/strategy.h"

namespace kube::apiserver::core {

// Services (pkg/registry/core/service): defaults, validation, and the cluster IP
// and node ports each one holds, reserved in BeginCreate/BeginUpdate and freed
// when a write fails or the service is deleted.
class ServiceStrategy : public Strategy {
 public:
  // Null allocators (validation-only tests) mean nothing is allocated.
  ServiceStrategy(std::unique_ptr<ServiceIpAllocator> ips, std::unique_ptr<NodePortAllocator> ports);

  void Default(google::protobuf::Message& object) const override;
  void PrepareForCreate(google::protobuf::Message& object) const override;
  void PrepareForUpdate(google::protobuf::Message& object,
                        const google::protobuf::Message& old) const override;
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
  api::FieldErrors ValidateUpdate(const google::protobuf::Message& object,
                                  const google::protobuf::Message& old) const override;
  NameRule name_rule() const override { return NameRule::kDns1035Label; }
  absl::StatusOr<FinishFunc> BeginCreate(google::protobuf::Message& object) const override;
  absl::StatusOr<FinishFunc> BeginUpdate(google::protobuf::Message& object,
                                         const google::protobuf::Message& old) const override;
  void AfterDelete(const google::protobuf::Message& object) const override;

  // For start-up (the `kubernetes` service's address) and tests; may be null.
  ServiceIpAllocator* ip_allocator() const { return ips_.get(); }
  NodePortAllocator* node_port_allocator() const { return ports_.get(); }

 private:
  const std::unique_ptr<ServiceIpAllocator> ips_;
  const std::unique_ptr<NodePortAllocator> ports_;
  const std::unique_ptr<ServiceAllocation> allocation_;  // null without allocators
};

}  // namespace kube::apiserver::core
