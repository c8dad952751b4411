#include "common/codec/wire_reader.h"

#include <bit>
#include <cstring>

namespace kube::codec::internal {

static_assert(std::endian::native == std::endian::little, "fixed values are read with memcpy");

bool WireReader::Next(WireRecord& record) {
  if (next_ == end_) return false;
  uint64_t tag;
  if (!ReadVarint(next_, end_, tag) || tag > UINT32_MAX) return Fail();
  record.number = static_cast<int>(tag >> 3);
  record.wire_type = static_cast<int>(tag & 7);
  if (record.number == 0) return Fail();
  switch (record.wire_type) {
    case kWireVarint:
      return ReadVarint(next_, end_, record.value) || Fail();
    case kWireFixed64:
      if (end_ - next_ < 8) return Fail();
      std::memcpy(&record.value, next_, 8);
      next_ += 8;
      return true;
    case kWireFixed32: {
      if (end_ - next_ < 4) return Fail();
      uint32_t value;
      std::memcpy(&value, next_, 4);
      record.value = value;
      next_ += 4;
      return true;
    }
    case kWireLength: {
      uint64_t size;
      if (!ReadVarint(next_, end_, size) || size > static_cast<uint64_t>(end_ - next_)) {
        return Fail();
      }
      record.bytes = std::string_view(next_, size);
      next_ += size;
      return true;
    }
    default:
      return Fail();
  }
}

}  // namespace kube::codec::internal
