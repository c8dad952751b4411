#include "common/codec/encode_wire.h"

#include <algorithm>
#include <bit>
#include <climits>
#include <cstring>
#include <vector>

#include "common/codec/encode_common.h"
#include "common/codec/json_writer.h"
#include "common/codec/scratch_vector.h"
#include "common/codec/wire_reader.h"

namespace kube::codec::internal {
namespace {

using google::protobuf::FieldDescriptor;

// One value of a known field: a varint or fixed value, or length-delimited bytes.
struct Record {
  int index = 0;  // of the field in its MessageInfo
  int wire_type = kWireVarint;
  uint64_t value = 0;
  std::string_view bytes;
};

// True if `record` can be a value of `field`; anything else is an unknown field that
// shares the field's number.
bool Fits(const FieldInfo& field, const WireRecord& record) {
  if (record.wire_type == field.wire_type) return true;
  // Repeated numbers may come packed.
  return field.is_repeated && record.wire_type == kWireLength && field.wire_type != kWireLength;
}

template <typename Writer>
class WireEncoder {
 public:
  explicit WireEncoder(Writer& out) : out_(out) {}

  bool EncodeMessage(std::string_view bytes, const MessageInfo& info, bool type_meta) {
    if (depth_ >= kMaxMessageDepth) {
      out_.Null();
      return true;
    }
    ++depth_;
    bool ok;
    if (info.form != k8s::JSON_OBJECT) {
      ok = EncodeForm(bytes, info);
    } else {
      out_.StartObject();
      const bool write_type_meta = type_meta && !info.api_version.empty();
      if (write_type_meta) {
        out_.Key("kind");
        out_.String(info.descriptor->name());
        out_.Key("apiVersion");
        out_.String(info.api_version);
      }
      ok = EncodeMembers(bytes, info, write_type_meta, 0);
      out_.EndObject();
    }
    --depth_;
    return ok;
  }

 private:
  // The records of known fields in `bytes`, grouped by field in declaration order
  // (elements of a list keep their order).
  static bool ListRecords(std::string_view bytes, const MessageInfo& info,
                          std::vector<Record>& records) {
    WireReader reader(bytes);
    WireRecord record;
    bool ordered = true;
    while (reader.Next(record)) {
      const int index = info.FieldIndexOf(record.number);
      if (index < 0 || !Fits(info.fields[index], record)) continue;  // unknown, extension
      if (!records.empty() && index < records.back().index) ordered = false;
      records.push_back({index, record.wire_type, record.value, record.bytes});
    }
    if (!ordered) {
      std::stable_sort(records.begin(), records.end(),
                       [](const Record& a, const Record& b) { return a.index < b.index; });
    }
    return !reader.failed();
  }

  // Writes the fields in declaration order, inline members in place: those present in
  // the bytes merged with the table's always-visited ones.
  bool EncodeMembers(std::string_view bytes, const MessageInfo& info, bool skip_type_meta,
                     int inline_depth) {
    const ScratchVector<Record> records;
    if (!ListRecords(bytes, info, *records)) return false;
    const std::vector<Record>& set = *records;
    const std::vector<int>& always = info.always_visit;
    size_t next_set = 0, next_always = 0;
    while (next_set < set.size() || next_always < always.size()) {
      const int set_index = next_set < set.size() ? set[next_set].index : INT_MAX;
      const int always_index = next_always < always.size() ? always[next_always] : INT_MAX;
      const int index = std::min(set_index, always_index);
      const Record* first = nullptr;
      size_t count = 0;  // the field's records
      if (index == set_index) {
        first = &set[next_set];
        for (; next_set < set.size() && set[next_set].index == index; ++next_set) ++count;
      }
      if (index == always_index) ++next_always;

      const FieldInfo& field = info.fields[index];
      if (skip_type_meta && field.type_meta_name) continue;
      if (field.is_inline) {
        // An embedded Go struct is always there: its members follow their own rules.
        if (inline_depth < kMaxInlineDepth &&
            !EncodeMembers(count > 0 ? first->bytes : std::string_view(), field.Message(),
                           skip_type_meta, inline_depth + 1)) {
          return false;
        }
        continue;
      }
      if (!EncodeField(field, first, count)) return false;
    }
    return true;
  }

  // `count` records of `field`, none only for always_emit fields. A singular field has
  // one; should it have more, the first is the field's own (unknown fields come last).
  bool EncodeField(const FieldInfo& field, const Record* first, size_t count) {
    if (field.is_map) {
      out_.FieldKey(field);
      return EncodeMap(field, first, count);
    }
    if (field.is_repeated) {
      out_.FieldKey(field);
      out_.StartArray();
      for (size_t i = 0; i < count; ++i) {
        const bool ok = first[i].wire_type != field.wire_type
                            ? EncodePacked(field, first[i].bytes)
                            : EncodeValue(field, first[i], KeyMode::kNone);
        if (!ok) return false;
      }
      out_.EndArray();
      return true;
    }
    if (count == 0) {
      out_.FieldKey(field);
      if (!field.pointer) return EncodeDefault(field);  // Go writes the zero value
      out_.Null();                                      // a nil pointer without omitempty
      return true;
    }
    const bool omitempty = !field.pointer && !field.always_emit;
    return EncodeValue(field, *first, omitempty ? KeyMode::kUnlessZero : KeyMode::kAlways);
  }

  bool EncodePacked(const FieldInfo& field, std::string_view bytes) {
    const char* next = bytes.data();
    const char* const end = next + bytes.size();
    while (next < end) {
      Record element{0, field.wire_type, 0, {}};
      if (field.wire_type == kWireVarint) {
        if (!ReadVarint(next, end, element.value)) return false;
      } else {
        const size_t size = field.wire_type == kWireFixed32 ? 4 : 8;
        if (static_cast<size_t>(end - next) < size) return false;
        std::memcpy(&element.value, next, size);
        next += size;
      }
      if (!EncodeValue(field, element, KeyMode::kNone)) return false;
    }
    return true;
  }

  bool EncodeMap(const FieldInfo& field, const Record* first, size_t count) {
    out_.StartObject();
    if (count > 0) {
      struct Entry {
        MapKey key;
        Record value;
        bool has_value = false;
      };
      const ScratchVector<Entry> entries;
      OwnedKeys owned;
      const MessageInfo& entry_info = field.Message();
      for (size_t i = 0; i < count; ++i) {
        Entry entry;
        Record key;
        bool has_key = false;
        WireReader reader(first[i].bytes);
        WireRecord record;
        while (reader.Next(record)) {
          const int index = entry_info.FieldIndexOf(record.number);
          if (index < 0 || record.wire_type != entry_info.fields[index].wire_type) continue;
          const Record value{index, record.wire_type, record.value, record.bytes};
          if (index == 0 && !has_key) {
            key = value;
            has_key = true;
          } else if (index == 1 && !entry.has_value) {
            entry.value = value;
            entry.has_value = true;
          }
        }
        if (reader.failed()) return false;
        entry.key = KeyOf(entry_info.fields[0], has_key ? &key : nullptr, owned);
        entries->push_back(entry);
      }
      std::sort(entries->begin(), entries->end(),
                [](const Entry& a, const Entry& b) { return a.key < b.key; });
      const FieldInfo& value_field = entry_info.fields[1];
      for (const Entry& entry : *entries) {
        out_.Key(entry.key.text);
        const bool ok = entry.has_value ? EncodeValue(value_field, entry.value, KeyMode::kNone)
                                        : EncodeDefault(value_field);
        if (!ok) return false;
      }
    }
    out_.EndObject();
    return true;
  }

  // A map key from its record, or the field's default when there is none.
  static MapKey KeyOf(const FieldInfo& key_field, const Record* key, OwnedKeys& owned) {
    const FieldDescriptor* field = key_field.field;
    switch (key_field.cpp_type) {
      case FieldDescriptor::CPPTYPE_STRING:
        return StringMapKey(key != nullptr ? key->bytes : field->default_value_string(), owned);
      case FieldDescriptor::CPPTYPE_INT32:
        return IntegerMapKey(
            key != nullptr ? WireInt32(key_field.type, key->value) : field->default_value_int32(),
            owned);
      case FieldDescriptor::CPPTYPE_INT64:
        return IntegerMapKey(
            key != nullptr ? WireInt64(key_field.type, key->value) : field->default_value_int64(),
            owned);
      case FieldDescriptor::CPPTYPE_UINT32:
        return IntegerMapKey(
            key != nullptr ? static_cast<uint32_t>(key->value) : field->default_value_uint32(),
            owned);
      case FieldDescriptor::CPPTYPE_UINT64:
        return IntegerMapKey(key != nullptr ? key->value : field->default_value_uint64(), owned);
      case FieldDescriptor::CPPTYPE_BOOL:
        return (key != nullptr ? key->value != 0 : field->default_value_bool())
                   ? MapKey{"true", "true"}
                   : MapKey{"false", "false"};
      default:
        return {};
    }
  }

  // One value of `field` from its record.
  bool EncodeValue(const FieldInfo& field, const Record& record, KeyMode key) {
    // Writes the key if there is one and the value is written at all.
    auto written = [&](bool zero) {
      if (key == KeyMode::kUnlessZero && zero) return false;
      if (key != KeyMode::kNone) out_.FieldKey(field);
      return true;
    };
    switch (field.cpp_type) {
      case FieldDescriptor::CPPTYPE_INT32: {
        const int32_t value = WireInt32(field.type, record.value);
        if (written(value == 0)) out_.Int(value);
        return true;
      }
      case FieldDescriptor::CPPTYPE_INT64: {
        const int64_t value = WireInt64(field.type, record.value);
        if (written(value == 0)) out_.Int64(value);
        return true;
      }
      case FieldDescriptor::CPPTYPE_UINT32: {
        const uint32_t value = static_cast<uint32_t>(record.value);
        if (written(value == 0)) out_.Uint(value);
        return true;
      }
      case FieldDescriptor::CPPTYPE_UINT64:
        if (written(record.value == 0)) out_.Uint64(record.value);
        return true;
      case FieldDescriptor::CPPTYPE_DOUBLE: {
        const double value = std::bit_cast<double>(record.value);
        if (written(value == 0)) WriteDouble(value, out_);
        return true;
      }
      case FieldDescriptor::CPPTYPE_FLOAT: {
        const float value = std::bit_cast<float>(static_cast<uint32_t>(record.value));
        if (written(value == 0)) WriteFloat(value, out_);
        return true;
      }
      case FieldDescriptor::CPPTYPE_BOOL:
        if (written(record.value == 0)) out_.Bool(record.value != 0);
        return true;
      case FieldDescriptor::CPPTYPE_STRING:
        if (written(record.bytes.empty())) WriteString(field, record.bytes, out_);
        return true;
      case FieldDescriptor::CPPTYPE_MESSAGE:
        written(false);
        return EncodeMessage(record.bytes, field.Message(), false);
      case FieldDescriptor::CPPTYPE_ENUM:
        return false;  // the wire path never takes types with enums
    }
    return false;
  }

  // The value of an absent field, as reflection reads it.
  bool EncodeDefault(const FieldInfo& field) {
    const FieldDescriptor* descriptor = field.field;
    switch (field.cpp_type) {
      case FieldDescriptor::CPPTYPE_INT32:
        out_.Int(descriptor->default_value_int32());
        return true;
      case FieldDescriptor::CPPTYPE_INT64:
        out_.Int64(descriptor->default_value_int64());
        return true;
      case FieldDescriptor::CPPTYPE_UINT32:
        out_.Uint(descriptor->default_value_uint32());
        return true;
      case FieldDescriptor::CPPTYPE_UINT64:
        out_.Uint64(descriptor->default_value_uint64());
        return true;
      case FieldDescriptor::CPPTYPE_DOUBLE:
        WriteDouble(descriptor->default_value_double(), out_);
        return true;
      case FieldDescriptor::CPPTYPE_FLOAT:
        WriteFloat(descriptor->default_value_float(), out_);
        return true;
      case FieldDescriptor::CPPTYPE_BOOL:
        out_.Bool(descriptor->default_value_bool());
        return true;
      case FieldDescriptor::CPPTYPE_STRING:
        WriteString(field, descriptor->default_value_string(), out_);
        return true;
      case FieldDescriptor::CPPTYPE_MESSAGE:
        return EncodeMessage({}, field.Message(), false);  // the default instance
      case FieldDescriptor::CPPTYPE_ENUM:
        return false;
    }
    return false;
  }

  bool EncodeForm(std::string_view bytes, const MessageInfo& info) {
    if (info.form == k8s::JSON_STRING_LIST) {
      std::vector<std::string> items;
      WireReader reader(bytes);
      WireRecord record;
      while (reader.Next(record)) {
        if (record.number == 1 && record.wire_type == kWireLength) items.emplace_back(record.bytes);
      }
      if (reader.failed()) return false;
      WriteForm(internal::StringListForm(std::move(items)), out_);
      return true;
    }
    FormFields fields;
    if (!ReadFormFields(bytes, info, fields)) return false;
    WriteForm(internal::EncodeForm(info.form, fields), out_);
    return true;
  }

  Writer& out_;
  int depth_ = 0;
};

}  // namespace

template <typename Writer>
bool EncodeWire(std::string_view bytes, const MessageInfo& info, bool type_meta, Writer& out) {
  return WireEncoder<Writer>(out).EncodeMessage(bytes, info, type_meta);
}

template bool EncodeWire(std::string_view, const MessageInfo&, bool, JsonWriter&);
template bool EncodeWire(std::string_view, const MessageInfo&, bool, DomWriter&);

}  // namespace kube::codec::internal
