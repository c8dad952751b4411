#include "cluster-dns/records/zone.h"

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "cluster-dns/records/ip_names.h"
#include "common/util/strings.h"

namespace kube::dns {
namespace {

// A CNAME chain inside the zone is followed at most this far (loops end here).
constexpr int kMaxCnameHops = 8;

bool IsSubdomain(const std::string& key, const std::string& parent) {
  if (key.size() == parent.size()) return key == parent;
  return key.size() > parent.size() && key[key.size() - parent.size() - 1] == '.' &&
         key.compare(key.size() - parent.size(), parent.size(), parent) == 0;
}

bool IsReverse(const std::string& key) {
  return IsSubdomain(key, "in-addr.arpa") || IsSubdomain(key, "ip6.arpa");
}

// Identifies a record by owner, type and RDATA, to keep duplicates out.
std::string Identity(const ResourceRecord& rr) {
  std::string id = StrCat(rr.name.Key(), "|", static_cast<uint16_t>(rr.type), "|");
  if (const auto* a = std::get_if<AddressRdata>(&rr.rdata)) {
    id += a->bytes;
  } else if (const auto* n = std::get_if<NameRdata>(&rr.rdata)) {
    id += n->name.Key();
  } else if (const auto* s = std::get_if<SrvRdata>(&rr.rdata)) {
    StrAppend(&id, s->priority, " ", s->weight, " ", s->port, " ", s->target.Key());
  } else if (const auto* t = std::get_if<TxtRdata>(&rr.rdata)) {
    for (const std::string& part : t->strings) StrAppend(&id, part.size(), ":", part);
  } else {
    StrAppend(&id, "#", rr.rdata.index());  // SOA / raw: one per owner and type
  }
  return id;
}

DnsName Prefixed(std::vector<std::string> prefix, const DnsName& name) {
  for (const std::string& label : name.labels()) prefix.push_back(label);
  absl::StatusOr<DnsName> out = DnsName::FromLabels(std::move(prefix));
  return out.ok() ? *out : DnsName();
}

}  // namespace

absl::StatusOr<ZoneBuilder> ZoneBuilder::Create(ZoneConfig config) {
  if (config.domain.IsRoot()) return absl::InvalidArgumentError("the cluster domain is empty");
  // "hostmaster." is the longest prefix the zone puts on the domain itself.
  if (config.domain.WireLength() + 11 > kMaxNameWireLength) {
    return absl::InvalidArgumentError("the cluster domain is too long");
  }
  std::unique_ptr<Zone> zone(new Zone(std::move(config)));
  zone->domain_key_ = zone->config_.domain.Key();
  ZoneBuilder builder(std::move(zone));
  const DnsName& domain = builder.zone_->config_.domain;
  builder.Add({domain, RrType::kSOA, kClassIN, 0, builder.zone_->Soa().rdata});
  builder.Add({Prefixed({"dns-version"}, domain), RrType::kTXT, kClassIN, 0,
               TxtRdata{{kDnsSchemaVersion}}});
  return builder;
}

void ZoneBuilder::Add(ResourceRecord record) {
  const std::string key = record.name.Key();
  if (!zone_->InDomain(key) && !IsReverse(key)) return;
  if (!seen_.insert(Identity(record)).second) return;
  record.ttl = zone_->config_.ttl;
  AddName(record.name);
  zone_->records_[key].push_back(std::move(record));
  ++zone_->record_count_;
}

void ZoneBuilder::AddName(const DnsName& name) {
  for (size_t i = 0; i < name.labels().size(); ++i) {
    if (!zone_->names_.insert(name.Suffix(i).Key()).second) break;  // ancestors are in too
  }
}

std::unique_ptr<const Zone> ZoneBuilder::Build() && { return std::move(zone_); }

bool Zone::InDomain(const std::string& key) const { return IsSubdomain(key, domain_key_); }

ResourceRecord Zone::Soa() const {
  SoaRdata soa{Prefixed({"ns", "dns"}, config_.domain), Prefixed({"hostmaster"}, config_.domain),
               config_.serial, 7200, 1800, 86400, config_.ttl};
  return {config_.domain, RrType::kSOA, kClassIN, config_.ttl, std::move(soa)};
}

bool Zone::AnswerPodName(const DnsName& name, RrType type, LookupResult& result) const {
  const size_t domain_labels = config_.domain.labels().size();
  // In the domain with exactly three more labels, the third being "pod".
  if (name.labels().size() != domain_labels + 3) return false;
  if (absl::AsciiStrToLower(absl::string_view(name.labels()[2])) != "pod") return false;
  std::optional<std::string> address = ParseDashedIpv4(name.labels()[0]);
  if (!address.has_value()) {
    result.rcode = Rcode::kNxDomain;
    result.authority.push_back(Soa());
  } else if (type == RrType::kA || type == RrType::kANY) {
    result.answers.push_back({name, RrType::kA, kClassIN, config_.ttl, AddressRdata{*address}});
  } else {
    result.authority.push_back(Soa());
  }
  return true;
}

LookupResult Zone::Lookup(const DnsName& name, RrType type) const {
  LookupResult result;
  const std::string key = name.Key();
  const bool in_domain = InDomain(key);
  if (!in_domain && !IsReverse(key)) {
    result.rcode = Rcode::kRefused;
    return result;
  }
  result.authoritative = true;
  if (in_domain && AnswerPodName(name, type, result)) return result;

  // Answers, following CNAMEs (unless CNAME itself was asked for) within the zone.
  DnsName owner = name;  // the question's own spelling for the first owner
  std::string current = key;
  for (int hop = 0; hop < kMaxCnameHops; ++hop) {
    auto it = records_.find(current);
    if (it == records_.end()) break;
    const ResourceRecord* cname = nullptr;
    bool matched = false;
    for (const ResourceRecord& rr : it->second) {
      if (type == RrType::kANY || rr.type == type) {
        result.answers.push_back(rr);
        result.answers.back().name = owner;
        matched = true;
      } else if (rr.type == RrType::kCNAME) {
        cname = &rr;
      }
    }
    if (matched || cname == nullptr) break;
    result.answers.push_back(*cname);
    result.answers.back().name = owner;
    owner = std::get<NameRdata>(cname->rdata).name;
    current = owner.Key();
    if (!InDomain(current)) break;  // an external target: the client resolves it
  }

  for (const ResourceRecord& rr : result.answers) {
    const auto* srv = std::get_if<SrvRdata>(&rr.rdata);
    if (srv == nullptr) continue;
    auto it = records_.find(srv->target.Key());
    if (it == records_.end()) continue;
    for (const ResourceRecord& address : it->second) {
      if (address.type == RrType::kA || address.type == RrType::kAAAA) {
        result.additional.push_back(address);
      }
    }
  }
  if (!result.answers.empty()) return result;

  if (in_domain) {
    if (!names_.contains(key)) result.rcode = Rcode::kNxDomain;
    result.authority.push_back(Soa());
  } else if (!names_.contains(key)) {
    // A reverse name for an address this cluster does not know: not ours to say.
    result.rcode = Rcode::kRefused;
    result.authoritative = false;
  }
  return result;
}

}  // namespace kube::dns
