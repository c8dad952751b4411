#include "apiserver/registry/core/service_allocation.h"

#include <algorithm>
#include <map>

#include "apiserver/registry/core/field_path.h"
#include "apiserver/registry/core/service_defaults.h"
#include "common/api/errors.h"
#include "common/util/strings.h"

namespace kube::apiserver::core {
namespace {

using k8s::core::v1::Service;

std::string OwnerOf(const Service& service) {
  return StrCat(service.metadata().namespace_(), "/", service.metadata().name());
}

template <typename T>
bool Has(const std::vector<T>& items, const T& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

absl::Status Invalid(const Service& service, api::FieldError error) {
  return api::InvalidError("", "Service", service.metadata().name(), {std::move(error)});
}

}  // namespace

ServiceAllocation::Held ServiceAllocation::HeldBy(const Service& service) {
  Held held;
  const auto& spec = service.spec();
  if (NeedsClusterIP(service) && !IsHeadless(service) && !spec.clusterip().empty()) {
    held.ips.push_back(spec.clusterip());
  }
  if (NeedsNodePorts(service)) {
    for (const auto& port : spec.ports()) {
      if (port.nodeport() != 0 && !Has(held.ports, port.nodeport())) held.ports.push_back(port.nodeport());
    }
  }
  if (NeedsHealthCheckNodePort(service) && spec.healthchecknodeport() != 0 &&
      !Has(held.ports, spec.healthchecknodeport())) {
    held.ports.push_back(spec.healthchecknodeport());
  }
  return held;
}

void ServiceAllocation::Free(const Held& held, const std::string& owner) {
  // Best effort: a reservation we fail to free stays until an operator (or a
  // future repair loop) removes it; it never leads to a double allocation.
  for (const std::string& ip : held.ips) (void)ips_.Release(ip, owner);
  for (int32_t port : held.ports) (void)ports_.Release(port, owner);
}

absl::Status ServiceAllocation::ReserveClusterIP(Service& service, const Held& held, Held& reserved) {
  if (!NeedsClusterIP(service) || IsHeadless(service)) return absl::OkStatus();
  auto* spec = service.mutable_spec();
  const std::string owner = OwnerOf(service);
  if (spec->clusterip().empty()) {
    absl::StatusOr<std::string> ip = ips_.AllocateNext(owner);
    if (absl::IsResourceExhausted(ip.status())) {
      return api::InternalError(StrCat("failed to allocate a serviceIP: ", ip.status().message()));
    }
    if (!ip.ok()) return ip.status();
    reserved.ips.push_back(*ip);
    spec->set_clusterip(*ip);
    spec->clear_clusterips();
    spec->add_clusterips(*ip);
    return absl::OkStatus();
  }
  if (Has(held.ips, spec->clusterip())) return absl::OkStatus();
  absl::Status status = ips_.Allocate(spec->clusterip(), owner);
  if (absl::IsAlreadyExists(status) || absl::IsOutOfRange(status)) {
    google::protobuf::RepeatedPtrField<std::string> requested;
    requested.Add()->assign(spec->clusterip());
    return Invalid(service, InvalidRendered("spec.clusterIPs", GoStringSlice(requested),
                                            StrCat("failed to allocate IP ", spec->clusterip(), ": ",
                                                   status.message())));
  }
  if (!status.ok()) return status;
  reserved.ips.push_back(spec->clusterip());
  return absl::OkStatus();
}

absl::Status ServiceAllocation::ReserveNodePorts(Service& service, const Held& held, Held& reserved) {
  const std::string owner = OwnerOf(service);
  // Ports known to belong to this service in this write: what it held and what
  // was just reserved. One node port may serve several protocols of one port.
  auto owned = [&](int32_t port) { return Has(held.ports, port) || Has(reserved.ports, port); };
  auto reserve_next = [&]() -> absl::StatusOr<int32_t> {
    absl::StatusOr<int32_t> port = ports_.AllocateNext(owner);
    if (absl::IsResourceExhausted(port.status())) {
      return api::InternalError(StrCat("failed to allocate a nodePort: ", port.status().message()));
    }
    if (port.ok()) reserved.ports.push_back(*port);
    return port;
  };
  auto reserve = [&](int32_t port, const std::string& field, std::string_view what) -> absl::Status {
    if (owned(port)) return absl::OkStatus();
    absl::Status status = ports_.Allocate(port, owner);
    if (absl::IsAlreadyExists(status) || absl::IsOutOfRange(status)) {
      return Invalid(service, api::InvalidNumber(field, port, StrCat(what, status.message())));
    }
    if (status.ok()) reserved.ports.push_back(port);
    return status;
  };

  auto* spec = service.mutable_spec();
  if (NeedsNodePorts(service)) {
    std::map<int32_t, int32_t> node_port_of;  // service port -> node port
    for (int i = 0; i < spec->ports_size(); ++i) {
      auto* port = spec->mutable_ports(i);
      if (port->nodeport() == 0) {
        if (auto it = node_port_of.find(port->port()); it != node_port_of.end()) {
          port->set_nodeport(it->second);
          continue;
        }
        absl::StatusOr<int32_t> allocated = reserve_next();
        if (!allocated.ok()) return allocated.status();
        port->set_nodeport(*allocated);
      } else if (absl::Status status =
                     reserve(port->nodeport(), Child(Index("spec.ports", i), "nodePort"), "");
                 !status.ok()) {
        return status;
      }
      node_port_of.emplace(port->port(), port->nodeport());
    }
  }
  if (NeedsHealthCheckNodePort(service)) {
    if (spec->healthchecknodeport() == 0) {
      absl::StatusOr<int32_t> allocated = reserve_next();
      if (!allocated.ok()) return allocated.status();
      spec->set_healthchecknodeport(*allocated);
    } else {
      const int32_t requested = spec->healthchecknodeport();
      return reserve(requested, "spec.healthCheckNodePort",
                     StrCat("failed to allocate requested HealthCheck NodePort ", requested, ": "));
    }
  }
  return absl::OkStatus();
}

absl::Status ServiceAllocation::Reserve(Service& service, const Held& held, Held& reserved) {
  if (absl::Status status = ReserveClusterIP(service, held, reserved); !status.ok()) return status;
  return ReserveNodePorts(service, held, reserved);
}

absl::StatusOr<FinishFunc> ServiceAllocation::Allocate(Service& service) {
  auto reserved = std::make_shared<Held>();
  const std::string owner = OwnerOf(service);
  if (absl::Status status = Reserve(service, Held{}, *reserved); !status.ok()) {
    Free(*reserved, owner);
    return status;
  }
  return FinishFunc([this, reserved, owner](bool committed) {
    if (!committed) Free(*reserved, owner);
  });
}

absl::StatusOr<FinishFunc> ServiceAllocation::Reallocate(Service& service, const Service& old) {
  const Held held = HeldBy(old);
  auto reserved = std::make_shared<Held>();
  const std::string owner = OwnerOf(service);
  if (absl::Status status = Reserve(service, held, *reserved); !status.ok()) {
    Free(*reserved, owner);
    return status;
  }
  // What the old object held and the new one does not is freed once committed.
  const Held still = HeldBy(service);
  auto dropped = std::make_shared<Held>();
  for (const std::string& ip : held.ips) {
    if (!Has(still.ips, ip)) dropped->ips.push_back(ip);
  }
  for (int32_t port : held.ports) {
    if (!Has(still.ports, port)) dropped->ports.push_back(port);
  }
  return FinishFunc([this, reserved, dropped, owner](bool committed) {
    Free(committed ? *dropped : *reserved, owner);
  });
}

void ServiceAllocation::Release(const Service& service) { Free(HeldBy(service), OwnerOf(service)); }

}  // namespace kube::apiserver::core
