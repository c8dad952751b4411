#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "cluster-dns/message/message.h"

namespace kube::dns {

// Largest DNS message: TCP's 2-byte length prefix.
inline constexpr size_t kMaxMessageLength = 65535;

// Writes `message` in wire format, compressing names (RFC 1035 §4.1.4) in owner
// names and in CNAME/PTR/NS/SOA RDATA (never SRV's target, per RFC 2782), and
// fitting it in `max_length` bytes: answer and authority records that do not fit
// are left out with TC set; additional records that do not fit are left out
// silently (RFC 2181 §9). The question and the OPT record always go in (room for
// OPT is kept). InvalidArgument for a record that cannot be encoded at all (a TXT
// string over 255 bytes, RDATA over 65535) or an extended rcode without EDNS.
absl::StatusOr<std::string> Serialize(const Message& message,
                                      size_t max_length = kMaxMessageLength);

}  // namespace kube::dns
