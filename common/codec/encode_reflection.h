#pragma once

// Encodes a message to JSON through reflection: the encoder for every message type,
// used where the wire path (encode_wire.h) does not apply. Internal to the codec.

#include "common/codec/message_info.h"
#include "google/protobuf/message.h"

namespace kube::codec::internal {

// Writes `message` (whose table is `info`) to `out`, a JsonWriter or DomWriter
// (json_writer.h). `type_meta`: see EncodeOptions.
template <typename Writer>
void EncodeByReflection(const google::protobuf::Message& message, const MessageInfo& info,
                        bool type_meta, Writer& out);

}  // namespace kube::codec::internal
