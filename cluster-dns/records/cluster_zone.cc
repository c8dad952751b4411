#include "cluster-dns/records/cluster_zone.h"

#include <map>
#include <string>

#include "absl/strings/ascii.h"
#include "cluster-dns/records/ip_names.h"
#include "common/util/strings.h"

namespace kube::dns {
namespace {

using k8s::core::v1::EndpointAddress;
using k8s::core::v1::Endpoints;
using k8s::core::v1::Service;

constexpr char kTolerateUnreadyAnnotation[] = "service.alpha.kubernetes.io/tolerate-unready-endpoints";

// `prefix` labels followed by `name`'s; nullopt if that is not a valid name.
std::optional<DnsName> Join(std::vector<std::string> prefix, const DnsName& name) {
  for (const std::string& label : name.labels()) prefix.push_back(label);
  absl::StatusOr<DnsName> joined = DnsName::FromLabels(std::move(prefix));
  if (!joined.ok()) return std::nullopt;
  return *joined;
}

std::string ProtocolLabel(const std::string& protocol) {
  return "_" + absl::AsciiStrToLower(protocol.empty() ? std::string("TCP") : protocol);
}

ResourceRecord Address(const DnsName& owner, const std::string& address) {
  return {owner, address.size() == 4 ? RrType::kA : RrType::kAAAA, kClassIN, 0, AddressRdata{address}};
}

void AddPtr(ZoneBuilder& zone, const std::string& address, const DnsName& target) {
  absl::StatusOr<DnsName> reverse = DnsName::FromLabels(ReverseLabels(address));
  if (reverse.ok()) zone.Add({*reverse, RrType::kPTR, kClassIN, 0, NameRdata{target}});
}

void AddClusterIpService(ZoneBuilder& zone, const Service& service, const DnsName& base) {
  std::vector<std::string> ips(service.spec().clusterips().begin(), service.spec().clusterips().end());
  if (ips.empty()) ips.push_back(service.spec().clusterip());
  for (const std::string& ip : ips) {
    std::optional<std::string> address = ParseIp(ip);
    if (!address.has_value()) continue;
    zone.Add(Address(base, *address));
    AddPtr(zone, *address, base);
  }
  for (const auto& port : service.spec().ports()) {
    if (port.name().empty()) continue;  // SRV needs a port name
    std::optional<DnsName> owner = Join({"_" + port.name(), ProtocolLabel(port.protocol())}, base);
    if (!owner.has_value()) continue;
    zone.Add({*owner, RrType::kSRV, kClassIN, 0,
              SrvRdata{0, 100, static_cast<uint16_t>(port.port()), base}});
  }
}

void AddHeadlessService(ZoneBuilder& zone, const Service& service, const Endpoints* endpoints,
                        const DnsName& base) {
  if (endpoints == nullptr) return;
  const auto& annotations = service.metadata().annotations();
  auto tolerate = annotations.find(kTolerateUnreadyAnnotation);
  const bool include_not_ready = service.spec().publishnotreadyaddresses() ||
                                 (tolerate != annotations.end() && tolerate->second == "true");
  // SRV records by owner, so that equal weights can split 100 among them.
  std::map<std::string, std::pair<DnsName, std::vector<SrvRdata>>> srv;
  for (const auto& subset : endpoints->subsets()) {
    std::vector<const EndpointAddress*> addresses;
    for (const auto& a : subset.addresses()) addresses.push_back(&a);
    if (include_not_ready) {
      for (const auto& a : subset.notreadyaddresses()) addresses.push_back(&a);
    }
    for (const EndpointAddress* a : addresses) {
      std::optional<std::string> address = ParseIp(a->ip());
      if (!address.has_value()) continue;
      zone.Add(Address(base, *address));
      std::optional<DnsName> host =
          Join({a->hostname().empty() ? DashedLabel(*address) : a->hostname()}, base);
      if (!host.has_value()) continue;
      zone.Add(Address(*host, *address));
      AddPtr(zone, *address, *host);
      for (const auto& port : subset.ports()) {
        if (port.name().empty()) continue;
        std::optional<DnsName> owner = Join({"_" + port.name(), ProtocolLabel(port.protocol())}, base);
        if (!owner.has_value()) continue;
        auto& entry = srv.try_emplace(owner->Key(), *owner, std::vector<SrvRdata>()).first->second;
        entry.second.push_back(SrvRdata{0, 0, static_cast<uint16_t>(port.port()), *host});
      }
    }
  }
  for (auto& [key, entry] : srv) {
    const uint16_t weight = static_cast<uint16_t>(std::max<size_t>(1, 100 / entry.second.size()));
    for (SrvRdata& rdata : entry.second) {
      rdata.weight = weight;
      zone.Add({entry.first, RrType::kSRV, kClassIN, 0, std::move(rdata)});
    }
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<const Zone>> BuildClusterZone(
    const ZoneConfig& config, const std::vector<std::shared_ptr<const Service>>& services,
    const std::vector<std::shared_ptr<const Endpoints>>& endpoints) {
  absl::StatusOr<ZoneBuilder> zone = ZoneBuilder::Create(config);
  if (!zone.ok()) return zone.status();
  std::map<std::string, const Endpoints*> endpoints_by_key;
  for (const auto& e : endpoints) {
    if (e != nullptr) endpoints_by_key[StrCat(e->metadata().namespace_(), "/", e->metadata().name())] = e.get();
  }
  for (const auto& service : services) {
    if (service == nullptr) continue;
    const auto& meta = service->metadata();
    std::optional<DnsName> base = Join({meta.name(), meta.namespace_(), "svc"}, config.domain);
    if (!base.has_value() || meta.name().empty() || meta.namespace_().empty()) continue;
    const auto& spec = service->spec();
    if (spec.type() == "ExternalName") {
      absl::StatusOr<DnsName> target = DnsName::Parse(spec.externalname());
      if (target.ok() && !target->IsRoot()) {
        zone->Add({*base, RrType::kCNAME, kClassIN, 0, NameRdata{*target}});
      }
      continue;
    }
    zone->AddName(*base);  // the Service exists even with no address to give yet
    if (spec.clusterip() == "None") {
      auto it = endpoints_by_key.find(StrCat(meta.namespace_(), "/", meta.name()));
      AddHeadlessService(*zone, *service, it == endpoints_by_key.end() ? nullptr : it->second, base.value());
    } else {
      AddClusterIpService(*zone, *service, *base);
    }
  }
  return std::move(*zone).Build();
}

}  // namespace kube::dns
