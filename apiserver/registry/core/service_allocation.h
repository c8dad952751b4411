#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "apiserver/registry/core/node_port_allocator.h"
#include "apiserver/registry/core/service_ip_allocator.h"
#include "apiserver/registry/strategy.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver::core {

// Reserves and frees what a Service holds outside its object: its cluster IP, its
// node ports and its health-check node port. Errors read as upstream's: a taken or
// out-of-range request is a 422 on the field, a full range a 500. Thread-safe; the
// allocators are not owned and outlive it.
class ServiceAllocation {
 public:
  ServiceAllocation(ServiceIpAllocator& ips, NodePortAllocator& ports) : ips_(ips), ports_(ports) {}

  // Fills in and reserves what `service` needs. The returned function frees the
  // reservations unless the write committed.
  absl::StatusOr<FinishFunc> Allocate(k8s::core::v1::Service& service);

  // Reserves what the update newly needs; once it commits, frees what `old` held
  // and `service` no longer does; if it does not, frees the new reservations.
  absl::StatusOr<FinishFunc> Reallocate(k8s::core::v1::Service& service,
                                        const k8s::core::v1::Service& old);

  // Frees everything `service` holds (after it was deleted).
  void Release(const k8s::core::v1::Service& service);

 private:
  struct Held {
    std::vector<std::string> ips;
    std::vector<int32_t> ports;
  };

  // Reserves for `service`, skipping what `held` already covers; appends every new
  // reservation to `reserved` (also on failure, for the caller to undo).
  absl::Status Reserve(k8s::core::v1::Service& service, const Held& held, Held& reserved);
  absl::Status ReserveClusterIP(k8s::core::v1::Service& service, const Held& held, Held& reserved);
  absl::Status ReserveNodePorts(k8s::core::v1::Service& service, const Held& held, Held& reserved);
  // What `service` holds according to its fields.
  static Held HeldBy(const k8s::core::v1::Service& service);
  void Free(const Held& held, const std::string& owner);

  ServiceIpAllocator& ips_;
  NodePortAllocator& ports_;
};

}  // namespace kube::apiserver::core
