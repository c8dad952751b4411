#include "cluster-dns/message/wire_reader.h"

#include <vector>

#include "absl/status/status.h"

namespace kube::dns {
namespace {

absl::Status Truncated(const char* what) {
  return absl::InvalidArgumentError(std::string("message truncated reading ") + what);
}

}  // namespace

absl::StatusOr<uint8_t> WireReader::U8() {
  if (remaining() < 1) return Truncated("a byte");
  return static_cast<uint8_t>(message_[position_++]);
}

absl::StatusOr<uint16_t> WireReader::U16() {
  if (remaining() < 2) return Truncated("a 16-bit field");
  uint16_t value = static_cast<uint16_t>((static_cast<uint8_t>(message_[position_]) << 8) |
                                         static_cast<uint8_t>(message_[position_ + 1]));
  position_ += 2;
  return value;
}

absl::StatusOr<uint32_t> WireReader::U32() {
  if (remaining() < 4) return Truncated("a 32-bit field");
  uint32_t value = 0;
  for (int i = 0; i < 4; ++i) value = (value << 8) | static_cast<uint8_t>(message_[position_ + i]);
  position_ += 4;
  return value;
}

absl::StatusOr<std::string> WireReader::Bytes(size_t n) {
  if (remaining() < n) return Truncated("data");
  std::string out(message_.substr(position_, n));
  position_ += n;
  return out;
}

absl::StatusOr<WireReader> WireReader::Sub(size_t length) {
  if (remaining() < length) return Truncated("record data");
  WireReader sub(message_, position_, position_ + length);
  position_ += length;
  return sub;
}

// RFC 1035 §4.1.4. Loops are impossible by construction: every pointer must point
// strictly before the previous pointer's target (and before the first pointer
// itself), so the targets strictly decrease and the walk ends. Legitimate
// compressors only ever point back to names written earlier, which satisfies this.
absl::StatusOr<DnsName> WireReader::Name() {
  std::vector<std::string> labels;
  size_t wire_length = 1;
  size_t pos = position_;
  size_t limit = end_;            // inline labels must stay before this
  size_t pointer_bound = pos;     // the next pointer must target below this
  bool jumped = false;
  while (true) {
    if (pos >= limit) return Truncated("a name");
    const uint8_t length = static_cast<uint8_t>(message_[pos]);
    if ((length & 0xC0) == 0xC0) {
      if (pos + 1 >= limit) return Truncated("a compression pointer");
      const size_t target = (static_cast<size_t>(length & 0x3F) << 8) |
                            static_cast<uint8_t>(message_[pos + 1]);
      if (target >= pointer_bound) {
        return absl::InvalidArgumentError("compression pointer does not point backwards");
      }
      if (!jumped) position_ = pos + 2;
      jumped = true;
      pointer_bound = target;
      pos = target;
      limit = message_.size();  // a pointer may reach earlier sections
      continue;
    }
    if ((length & 0xC0) != 0) {
      return absl::InvalidArgumentError("unsupported label type in a name");
    }
    if (length == 0) {
      if (!jumped) position_ = pos + 1;
      break;
    }
    if (pos + 1 + length > limit) return Truncated("a label");
    wire_length += length + 1u;
    if (wire_length > kMaxNameWireLength) {
      return absl::InvalidArgumentError("name longer than 255 bytes");
    }
    labels.emplace_back(message_.substr(pos + 1, length));
    pos += 1 + length;
  }
  return DnsName::FromLabels(std::move(labels));
}

}  // namespace kube::dns
