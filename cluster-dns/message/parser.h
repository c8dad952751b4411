#pragma once

#include <optional>
#include <string_view>

#include "absl/status/statusor.h"
#include "cluster-dns/message/message.h"

namespace kube::dns {

inline constexpr size_t kHeaderLength = 12;

// The fixed header alone, when the packet is at least 12 bytes: enough to answer
// FORMERR to a packet whose body is malformed. nullopt for shorter packets (which
// are dropped: there is no ID to answer to).
std::optional<Header> ParseHeader(std::string_view wire);

// A whole message. InvalidArgument for anything malformed: truncated fields,
// lengths past the end, compression loops or forward pointers, overlong names or
// labels, RDATA that does not fill its RDLENGTH exactly, an OPT record anywhere but
// once in the additional section with the root name. Bytes after the last record
// are ignored.
absl::StatusOr<Message> ParseMessage(std::string_view wire);

}  // namespace kube::dns
