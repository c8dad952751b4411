#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "cluster-dns/message/dns_name.h"

namespace kube::dns {

// Reads big-endian fields and (compressed) names from one DNS message. Every read
// is bounds-checked against [position, end); a failed read is InvalidArgument and
// leaves the reader unusable for meaningful further reads. Compression pointers
// may reach anywhere earlier in the whole message, never past its end.
class WireReader {
 public:
  explicit WireReader(std::string_view message) : message_(message), end_(message.size()) {}

  size_t position() const { return position_; }
  size_t remaining() const { return end_ - position_; }

  absl::StatusOr<uint8_t> U8();
  absl::StatusOr<uint16_t> U16();
  absl::StatusOr<uint32_t> U32();
  absl::StatusOr<std::string> Bytes(size_t n);
  absl::StatusOr<DnsName> Name();

  // A reader over the next `length` bytes of this one (for one RDATA), sharing the
  // message for compression pointers; this reader skips past them.
  absl::StatusOr<WireReader> Sub(size_t length);

 private:
  WireReader(std::string_view message, size_t position, size_t end)
      : message_(message), position_(position), end_(end) {}

  std::string_view message_;  // the whole message
  size_t position_ = 0;
  size_t end_ = 0;  // sequential reads stop here (<= message_.size())
};

}  // namespace kube::dns
