#include "common/codec/encode_reflection.h"

#include <algorithm>
#include <climits>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "common/codec/encode_common.h"
#include "common/codec/json_writer.h"
#include "common/codec/present_fields.h"

namespace kube::codec::internal {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// Walks a message through reflection, guided by its table, and writes it to `Writer`
// (JsonWriter or DomWriter), one field at a time: only set fields and the few that are
// written when absent are visited.
template <typename Writer>
class Encoder {
 public:
  explicit Encoder(Writer& out) : out_(out) {}

  void EncodeMessage(const Message& message, const MessageInfo& info, bool type_meta) {
    if (depth_ >= kMaxMessageDepth) return out_.Null();
    ++depth_;
    if (info.form != k8s::JSON_OBJECT) {
      WriteForm(EncodeForm(info, message), out_);
    } else {
      out_.StartObject();
      const bool write_type_meta = type_meta && !info.api_version.empty();
      if (write_type_meta) {
        out_.Key("kind");
        out_.String(info.descriptor->name());
        out_.Key("apiVersion");
        out_.String(info.api_version);
      }
      EncodeMembers(message, info, write_type_meta, 0);
      out_.EndObject();
    }
    --depth_;
  }

 private:
  // Writes the fields of `message` in declaration order, inline members in place: the
  // set ones merged with the table's always-visited ones.
  void EncodeMembers(const Message& message, const MessageInfo& info, bool skip_type_meta,
                     int inline_depth) {
    const Reflection& reflection = *message.GetReflection();
    const PresentFields present(message, reflection, info);
    const std::vector<const FieldDescriptor*>& set = present.fields();
    const std::vector<int>& always = info.always_visit;
    size_t next_set = 0, next_always = 0;
    while (next_set < set.size() || next_always < always.size()) {
      const int set_index = next_set < set.size() ? set[next_set]->index() : INT_MAX;
      const int always_index = next_always < always.size() ? always[next_always] : INT_MAX;
      const int index = std::min(set_index, always_index);
      const bool is_set = index == set_index;
      if (is_set) ++next_set;
      if (index == always_index) ++next_always;

      const FieldInfo& field = info.fields[index];
      if (skip_type_meta && field.type_meta_name) continue;
      if (field.is_inline) {
        // An embedded Go struct is always there: its members follow their own rules.
        if (inline_depth < kMaxInlineDepth) {
          EncodeMembers(reflection.GetMessage(message, field.field), field.Message(),
                        skip_type_meta, inline_depth + 1);
        }
        continue;
      }
      if (field.is_remainder) {
        std::string scratch;
        out_.ObjectMembers(reflection.GetStringReference(message, field.field, &scratch));
        continue;
      }
      EncodeField(message, reflection, field, is_set);
    }
  }

  // `is_set` is false only for always_emit fields.
  void EncodeField(const Message& message, const Reflection& reflection, const FieldInfo& field,
                   bool is_set) {
    if (field.is_map) {
      out_.FieldKey(field);
      EncodeMap(message, reflection, field, is_set);
    } else if (field.is_repeated) {
      out_.FieldKey(field);
      out_.StartArray();
      const int size = is_set ? reflection.FieldSize(message, field.field) : 0;
      for (int i = 0; i < size; ++i) EncodeValue(message, reflection, field, i, KeyMode::kNone);
      out_.EndArray();
    } else if (!is_set) {
      out_.FieldKey(field);
      if (field.pointer) {
        out_.Null();  // a nil pointer without omitempty
      } else {
        EncodeValue(message, reflection, field, -1, KeyMode::kNone);  // Go writes the zero value
      }
    } else {
      const bool omitempty = !field.pointer && !field.always_emit;
      EncodeValue(message, reflection, field, -1,
                  omitempty ? KeyMode::kUnlessZero : KeyMode::kAlways);
    }
  }

  void EncodeMap(const Message& message, const Reflection& reflection, const FieldInfo& field,
                 bool is_set) {
    out_.StartObject();
    const int size = is_set ? reflection.FieldSize(message, field.field) : 0;
    if (size > 0) {
      struct Entry {
        MapKey key;
        const Message* entry;
      };
      absl::InlinedVector<Entry, 8> entries;
      entries.reserve(size);
      OwnedKeys owned;
      const FieldDescriptor* key_field = field.Message().fields[0].field;
      for (int i = 0; i < size; ++i) {
        const Message& entry = reflection.GetRepeatedMessage(message, field.field, i);
        entries.push_back({KeyOf(entry, key_field, owned), &entry});
      }
      std::sort(entries.begin(), entries.end(),
                [](const Entry& a, const Entry& b) { return a.key < b.key; });
      const Reflection& entry_reflection = *entries.front().entry->GetReflection();
      const FieldInfo& value_field = field.MapValue();
      for (const Entry& entry : entries) {
        out_.Key(entry.key.text);
        EncodeValue(*entry.entry, entry_reflection, value_field, -1, KeyMode::kNone);
      }
    }
    out_.EndObject();
  }

  static MapKey KeyOf(const Message& entry, const FieldDescriptor* key_field, OwnedKeys& owned) {
    const Reflection* reflection = entry.GetReflection();
    switch (key_field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_STRING: {
        std::string scratch;
        const std::string& key = reflection->GetStringReference(entry, key_field, &scratch);
        if (&key == &scratch) return StringMapKey(owned.emplace_back(std::move(scratch)), owned);
        return StringMapKey(key, owned);
      }
      case FieldDescriptor::CPPTYPE_INT32:
        return IntegerMapKey(reflection->GetInt32(entry, key_field), owned);
      case FieldDescriptor::CPPTYPE_INT64:
        return IntegerMapKey(reflection->GetInt64(entry, key_field), owned);
      case FieldDescriptor::CPPTYPE_UINT32:
        return IntegerMapKey(reflection->GetUInt32(entry, key_field), owned);
      case FieldDescriptor::CPPTYPE_UINT64:
        return IntegerMapKey(reflection->GetUInt64(entry, key_field), owned);
      case FieldDescriptor::CPPTYPE_BOOL:
        return reflection->GetBool(entry, key_field) ? MapKey{"true", "true"}
                                                     : MapKey{"false", "false"};
      default:
        return {};
    }
  }

  // One value of `field`: the singular value if index < 0, else element `index`.
  void EncodeValue(const Message& message, const Reflection& reflection, const FieldInfo& field,
                   int index, KeyMode key) {
    const FieldDescriptor* descriptor = field.field;
    const bool single = index < 0;
    // Writes the key if there is one and the value is written at all.
    auto written = [&](bool zero) {
      if (key == KeyMode::kUnlessZero && zero) return false;
      if (key != KeyMode::kNone) out_.FieldKey(field);
      return true;
    };
    switch (field.cpp_type) {
      case FieldDescriptor::CPPTYPE_INT32: {
        const int32_t value = single ? reflection.GetInt32(message, descriptor)
                                     : reflection.GetRepeatedInt32(message, descriptor, index);
        if (written(value == 0)) out_.Int(value);
        return;
      }
      case FieldDescriptor::CPPTYPE_INT64: {
        const int64_t value = single ? reflection.GetInt64(message, descriptor)
                                     : reflection.GetRepeatedInt64(message, descriptor, index);
        if (written(value == 0)) out_.Int64(value);
        return;
      }
      case FieldDescriptor::CPPTYPE_UINT32: {
        const uint32_t value = single ? reflection.GetUInt32(message, descriptor)
                                      : reflection.GetRepeatedUInt32(message, descriptor, index);
        if (written(value == 0)) out_.Uint(value);
        return;
      }
      case FieldDescriptor::CPPTYPE_UINT64: {
        const uint64_t value = single ? reflection.GetUInt64(message, descriptor)
                                      : reflection.GetRepeatedUInt64(message, descriptor, index);
        if (written(value == 0)) out_.Uint64(value);
        return;
      }
      case FieldDescriptor::CPPTYPE_DOUBLE: {
        const double value = single ? reflection.GetDouble(message, descriptor)
                                    : reflection.GetRepeatedDouble(message, descriptor, index);
        if (written(value == 0)) WriteDouble(value, out_);
        return;
      }
      case FieldDescriptor::CPPTYPE_FLOAT: {
        const float value = single ? reflection.GetFloat(message, descriptor)
                                   : reflection.GetRepeatedFloat(message, descriptor, index);
        if (written(value == 0)) WriteFloat(value, out_);
        return;
      }
      case FieldDescriptor::CPPTYPE_BOOL: {
        const bool value = single ? reflection.GetBool(message, descriptor)
                                  : reflection.GetRepeatedBool(message, descriptor, index);
        if (written(!value)) out_.Bool(value);
        return;
      }
      case FieldDescriptor::CPPTYPE_ENUM: {
        const int number = single ? reflection.GetEnumValue(message, descriptor)
                                  : reflection.GetRepeatedEnumValue(message, descriptor, index);
        if (!written(number == 0)) return;
        const auto* value = descriptor->enum_type()->FindValueByNumber(number);
        if (value != nullptr) {
          out_.String(value->name());
        } else {
          out_.Int(number);
        }
        return;
      }
      case FieldDescriptor::CPPTYPE_STRING: {
        std::string scratch;
        const std::string& text =
            single ? reflection.GetStringReference(message, descriptor, &scratch)
                   : reflection.GetRepeatedStringReference(message, descriptor, index, &scratch);
        if (written(text.empty())) WriteString(field, text, out_);
        return;
      }
      case FieldDescriptor::CPPTYPE_MESSAGE:
        written(false);
        EncodeMessage(single ? reflection.GetMessage(message, descriptor)
                             : reflection.GetRepeatedMessage(message, descriptor, index),
                      field.Message(), false);
        return;
    }
  }

  Writer& out_;
  int depth_ = 0;
};

}  // namespace

template <typename Writer>
void EncodeByReflection(const Message& message, const MessageInfo& info, bool type_meta,
                        Writer& out) {
  Encoder<Writer>(out).EncodeMessage(message, info, type_meta);
}

template void EncodeByReflection(const Message&, const MessageInfo&, bool, JsonWriter&);
template void EncodeByReflection(const Message&, const MessageInfo&, bool, DomWriter&);

}  // namespace kube::codec::internal
