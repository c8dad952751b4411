#pragma once

// Encodes a message to JSON from its wire form (SerializeToString): one pass over the
// bytes with the type's table, instead of a reflection call per field, which is most
// of the cost of encoding through reflection. Protobuf's own JSON printer works the
// same way. Internal to the codec.
//
// The output is what EncodeByReflection (encode_reflection.h) writes for the message
// the bytes came from, for types where info.WireEncodable(): unknown fields and
// extensions are skipped, and fields appear in declaration order whatever order the
// bytes hold them in.

#include <string_view>

#include "common/codec/message_info.h"

namespace kube::codec::internal {

// Writes the message serialized in `bytes` (of the type of `info`) to `out`, a
// JsonWriter or DomWriter (json_writer.h). False if the bytes are malformed or hold a
// group; `out` then holds part of the output, to be thrown away.
template <typename Writer>
bool EncodeWire(std::string_view bytes, const MessageInfo& info, bool type_meta, Writer& out);

}  // namespace kube::codec::internal
