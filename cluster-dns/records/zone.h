#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "cluster-dns/message/message.h"

namespace kube::dns {

// What the zone says about one question.
struct LookupResult {
  Rcode rcode = Rcode::kNoError;
  bool authoritative = false;  // the AA bit: false only for REFUSED
  std::vector<ResourceRecord> answers;
  std::vector<ResourceRecord> authority;   // the SOA of a negative answer
  std::vector<ResourceRecord> additional;  // addresses of SRV targets
};

struct ZoneConfig {
  DnsName domain;          // the cluster domain, e.g. cluster.local
  uint32_t ttl = 30;       // of every record, and the negative-caching TTL
  uint32_t serial = 1;     // the SOA serial; a new one for each rebuilt zone
};

// The records this server answers from: the cluster domain, plus reverse (PTR)
// names under in-addr.arpa and ip6.arpa for the addresses it knows. Immutable once
// built, so any number of threads may look up at once without locks.
class Zone {
 public:
  // The answer to one question:
  //  - outside the cluster domain and not a known reverse name: REFUSED (nothing is
  //    forwarded anywhere);
  //  - records of the type (any type for ANY): NOERROR with them; a CNAME is
  //    followed while its target stays in this zone; SRV targets' addresses go in
  //    the additional section;
  //  - a name that exists (or has names below it) without that type: NOERROR and no
  //    answer (NODATA), with the SOA in the authority section;
  //  - any other name in the domain: NXDOMAIN with the SOA.
  // <a-b-c-d>.<ns>.pod.<domain> answers A a.b.c.d for any namespace, unverified,
  // as CoreDNS's "pods insecure" does.
  LookupResult Lookup(const DnsName& name, RrType type) const;

  const ZoneConfig& config() const { return config_; }
  size_t record_count() const { return record_count_; }

 private:
  friend class ZoneBuilder;
  explicit Zone(ZoneConfig config) : config_(std::move(config)) {}

  bool InDomain(const std::string& key) const;
  ResourceRecord Soa() const;
  bool AnswerPodName(const DnsName& name, RrType type, LookupResult& result) const;

  ZoneConfig config_;
  std::string domain_key_;
  absl::flat_hash_map<std::string, std::vector<ResourceRecord>> records_;  // by owner key
  absl::flat_hash_set<std::string> names_;  // every owner key and all its ancestors
  size_t record_count_ = 0;
};

// Collects records, then freezes them into a Zone. Not thread-safe; used by one
// thread per rebuild.
class ZoneBuilder {
 public:
  // InvalidArgument if the domain is the root or too long to carry the SOA's names.
  static absl::StatusOr<ZoneBuilder> Create(ZoneConfig config);

  // Adds a record owned by a name in the cluster domain or a reverse zone (others
  // are ignored: the zone would never answer them). Duplicates are kept once. The
  // record's TTL is set to the zone's.
  void Add(ResourceRecord record);
  // Makes `name` exist without records of its own (NODATA rather than NXDOMAIN),
  // e.g. a headless Service with no endpoints yet.
  void AddName(const DnsName& name);

  std::unique_ptr<const Zone> Build() &&;

 private:
  explicit ZoneBuilder(std::unique_ptr<Zone> zone) : zone_(std::move(zone)) {}
  std::unique_ptr<Zone> zone_;
  absl::flat_hash_set<std::string> seen_;  // owner, type and RDATA of records added
};

// The schema version record's value (dns-version.<domain> TXT).
inline constexpr char kDnsSchemaVersion[] = "1.1.0";

}  // namespace kube::dns
