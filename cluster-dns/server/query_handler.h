#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "cluster-dns/records/zone_snapshot.h"
#include "cluster-dns/server/query_metrics.h"

namespace kube::dns {

// The UDP payload size this server advertises in its OPT record (the DNS Flag
// Day 2020 value, which avoids IP fragmentation).
inline constexpr uint16_t kAdvertisedUdpPayload = 1232;

// Turns one request into its response, from the current zone. Stateless apart
// from the metrics; safe to call from any number of threads at once.
//
// Drops (nullopt) a packet shorter than a DNS header or one with QR set (answering
// responses invites loops). Otherwise answers: FORMERR for a malformed message or
// one without exactly one question; NOTIMP for opcodes other than QUERY; BADVERS
// for EDNS versions above 0; REFUSED for classes other than IN/ANY and for zone
// transfers; SERVFAIL before the first zone is published; else what the zone
// says. An OPT record is echoed when the query had one. Over UDP the response is
// fitted into 512 bytes or the payload size the client advertised, with TC set
// when answers had to be left out.
class QueryHandler {
 public:
  QueryHandler(const ZoneSnapshot& zone, QueryMetrics& metrics) : zone_(zone), metrics_(metrics) {}

  std::optional<std::string> Handle(std::string_view request, Transport transport) const;

 private:
  const ZoneSnapshot& zone_;  // not owned; outlives this
  QueryMetrics& metrics_;     // not owned; outlives this
};

}  // namespace kube::dns
