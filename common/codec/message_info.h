#pragma once

// What the codec needs to know about a message type, read once from its descriptor and
// the annotations of proto/k8s/options.proto, so that encoding, decoding and
// ClearZeroValues do no option lookups per field. Internal to the codec.
//
// Tables are built on first use and kept for the life of the process (like RoutesOf),
// so descriptors must come from a pool that lives as long (the generated pool does).
// Everything here is thread-safe; a table never changes once it is returned.

#include <array>
#include <atomic>
#include <string>
#include <vector>

#include "absl/base/call_once.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "google/protobuf/descriptor.h"
#include "k8s/options.pb.h"

namespace kube::codec::internal {

struct MessageInfo;

struct FieldInfo {
  using FieldDescriptor = google::protobuf::FieldDescriptor;

  const FieldDescriptor* field = nullptr;
  FieldDescriptor::CppType cpp_type = FieldDescriptor::CPPTYPE_INT32;
  FieldDescriptor::Type type = FieldDescriptor::TYPE_INT32;
  // The wire type of one value (WireType in wire_reader.h); repeated numbers may also
  // come packed, as one length-delimited record.
  int wire_type = 0;
  // The key as the JSON writer writes it, quotes and colon included: "name":
  std::string json_key;
  bool is_map = false;
  bool is_repeated = false;  // maps too
  bool is_bytes = false;
  bool pointer = false;
  bool always_emit = false;
  bool is_inline = false;  // singular message fields marked (k8s.inline) only
  bool is_remainder = false;  // (k8s.json_remainder): members spliced into the object
  // Named "kind" or "apiVersion": dropped where the encoder writes the type meta itself.
  bool type_meta_name = false;

  // The table of the field's message type (a map's entry type for maps). Only for
  // message fields; built on first use.
  const MessageInfo& Message() const;
  // For maps: the entry's value field.
  const FieldInfo& MapValue() const;

 private:
  mutable std::atomic<const MessageInfo*> message_{nullptr};
};

// Where a JSON key of an object lands (see KeyRoute in annotations.h), with the
// target field's table.
struct FieldRoute {
  absl::InlinedVector<const google::protobuf::FieldDescriptor*, 1> via;
  const FieldInfo* field = nullptr;
};

struct MessageInfo {
  const google::protobuf::Descriptor* descriptor = nullptr;
  k8s::JsonForm form = k8s::JSON_OBJECT;
  std::string api_version;  // (k8s.api_version), "" for messages without TypeMeta
  bool is_time = false;     // JSON_TIME or JSON_MICRO_TIME
  // Indexed like descriptor->field(i). Never resized: FieldInfo does not move.
  std::vector<FieldInfo> fields;
  // Indexes of the fields visited even when absent (always_emit and inline), ascending.
  std::vector<int> always_visit;
  // The index of the (k8s.json_remainder) field, or -1.
  int remainder = -1;
  // True if declaration order is field-number order, the order ListFields returns.
  bool number_order = true;
  // The singular fields numbered 1 to 3 (null where there is none): what the JSON
  // forms read, by upstream field number.
  std::array<const google::protobuf::FieldDescriptor*, 4> form_fields{};

  // The index in `fields` of the field numbered `number`, or -1.
  int FieldIndexOf(int number) const {
    if (number >= 0 && static_cast<size_t>(number) < index_by_number.size()) {
      return index_by_number[number];
    }
    auto it = index_by_large_number.find(number);
    return it == index_by_large_number.end() ? -1 : it->second;
  }
  std::vector<int> index_by_number;                     // -1 where there is no field
  absl::flat_hash_map<int, int> index_by_large_number;  // numbers too sparse for the vector

  // The JSON keys of the message, inline members flattened; built on first use.
  const absl::flat_hash_map<std::string, FieldRoute>& Routes() const;

  // True if the encoder may read messages of this type from their wire form: neither
  // it nor any message type it reaches has enum or group fields. (A proto2 enum keeps
  // values it does not know among the unknown fields, under the field's own number.)
  bool WireEncodable() const;

 private:
  mutable absl::once_flag routes_once_;
  mutable absl::flat_hash_map<std::string, FieldRoute> routes_;
  mutable std::atomic<int> wire_encodable_{-1};  // -1 until computed
};

const MessageInfo& InfoOf(const google::protobuf::Descriptor* message);

}  // namespace kube::codec::internal
