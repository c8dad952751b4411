#pragma once

// Reads the records of protobuf wire format (what SerializeToString writes), for
// encoding JSON from a message's bytes instead of through reflection. Internal to the
// codec.

#include <cstdint>
#include <string_view>

#include "google/protobuf/descriptor.h"

namespace kube::codec::internal {

enum WireType : int {
  kWireVarint = 0,
  kWireFixed64 = 1,
  kWireLength = 2,
  kWireStartGroup = 3,
  kWireEndGroup = 4,
  kWireFixed32 = 5,
};

struct WireRecord {
  int number = 0;
  int wire_type = kWireVarint;
  uint64_t value = 0;      // varint and fixed values
  std::string_view bytes;  // length-delimited values
};

// Reads a varint at `next` (not past `end`), advancing `next`; false if malformed.
inline bool ReadVarint(const char*& next, const char* end, uint64_t& value) {
  value = 0;
  for (int shift = 0; shift < 64 && next < end; shift += 7) {
    const uint8_t byte = static_cast<uint8_t>(*next++);
    value |= static_cast<uint64_t>(byte & 0x7F) << shift;
    if (byte < 0x80) return true;
  }
  return false;
}

// Integer values of varint and fixed records as protobuf parses them for a field of
// `type` (zigzag for sint32/sint64; the low 32 bits for 32-bit types).
inline int32_t WireInt32(google::protobuf::FieldDescriptor::Type type, uint64_t value) {
  const uint32_t bits = static_cast<uint32_t>(value);
  if (type == google::protobuf::FieldDescriptor::TYPE_SINT32) {
    return static_cast<int32_t>((bits >> 1) ^ (0u - (bits & 1)));
  }
  return static_cast<int32_t>(bits);
}

inline int64_t WireInt64(google::protobuf::FieldDescriptor::Type type, uint64_t value) {
  if (type == google::protobuf::FieldDescriptor::TYPE_SINT64) {
    return static_cast<int64_t>((value >> 1) ^ (0 - (value & 1)));
  }
  return static_cast<int64_t>(value);
}

class WireReader {
 public:
  explicit WireReader(std::string_view bytes)
      : next_(bytes.data()), end_(bytes.data() + bytes.size()) {}

  // The next record: false at the end, or on malformed input (then failed()). Groups
  // count as malformed: nothing the codec encodes has them.
  bool Next(WireRecord& record);
  bool failed() const { return failed_; }

 private:
  bool Fail() {
    failed_ = true;
    return false;
  }

  const char* next_;
  const char* end_;
  bool failed_ = false;
};

}  // namespace kube::codec::internal
