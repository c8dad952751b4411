#include "common/codec/json_encode.h"

#include "common/codec/encode_reflection.h"
#include "common/codec/encode_wire.h"
#include "common/codec/json_writer.h"
#include "common/codec/message_info.h"

namespace kube::codec {
namespace {

using google::protobuf::Message;
using internal::MessageInfo;

// Per-thread buffers keep their capacity between calls, unless it grew past this.
constexpr size_t kMaxKeptBuffer = size_t{1} << 20;

void Release(std::string& buffer) {
  if (buffer.capacity() > kMaxKeptBuffer) std::string().swap(buffer);
}

// Writes `message` from its wire form where the type allows; false if it did not (then
// `out` may hold part of the output, to be thrown away).
template <typename Writer>
bool EncodeFromWire(const Message& message, const MessageInfo& info, bool type_meta, Writer& out) {
  if (!info.WireEncodable()) return false;
  thread_local std::string wire;
  bool done =
      message.SerializePartialToString(&wire) && internal::EncodeWire(wire, info, type_meta, out);
  Release(wire);
  return done;
}

}  // namespace

void EncodeJsonValue(const Message& message, rapidjson::Value& out,
                     rapidjson::Document::AllocatorType& allocator, const EncodeOptions& options) {
  const MessageInfo& info = internal::InfoOf(message.GetDescriptor());
  {
    internal::DomWriter writer(allocator);
    if (EncodeFromWire(message, info, options.type_meta, writer)) return writer.TakeResult(out);
  }
  internal::DomWriter writer(allocator);
  internal::EncodeByReflection(message, info, options.type_meta, writer);
  writer.TakeResult(out);
}

std::string EncodeJson(const Message& message, const EncodeOptions& options) {
  const MessageInfo& info = internal::InfoOf(message.GetDescriptor());
  // Built in a per-thread buffer and returned as a copy of the exact size.
  thread_local std::string buffer;
  bool done;
  {
    buffer.clear();
    internal::JsonWriter writer(buffer);
    done = EncodeFromWire(message, info, options.type_meta, writer);
  }
  if (!done) {
    buffer.clear();
    internal::JsonWriter writer(buffer);
    internal::EncodeByReflection(message, info, options.type_meta, writer);
  }
  std::string result = buffer;
  Release(buffer);
  return result;
}

}  // namespace kube::codec
