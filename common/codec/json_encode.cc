#include "common/codec/json_encode.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/codec/annotations.h"
#include "common/codec/base64.h"
#include "common/codec/json_forms.h"
#include "common/codec/reflection_util.h"
#include "common/codec/json_text.h"

namespace kube::codec {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;
using Allocator = rapidjson::Document::AllocatorType;

constexpr int kMaxInlineDepth = 8;  // matches annotations.cc; stops a cyclic schema
// Protobuf parsing stops at 100 levels; this only stops an always_emit field whose
// zero value contains itself (impossible in Go, possible in a schema).
constexpr int kMaxMessageDepth = 200;

// A float's shortest decimal digits as a double, so that 0.1f is written "0.1" as Go
// does for float32 rather than "0.10000000149011612".
double FloatAsShortestDouble(float value) {
  if (!std::isfinite(value)) return value;
  char buffer[64];
  auto written = std::to_chars(buffer, buffer + sizeof buffer, value);
  double result = value;
  std::from_chars(buffer, written.ptr, result);
  return result;
}

class Encoder {
 public:
  explicit Encoder(Allocator& allocator) : allocator_(allocator) {}

  void EncodeMessage(const Message& message, rapidjson::Value& out, bool type_meta) {
    if (depth_ >= kMaxMessageDepth) return;  // null
    ++depth_;
    EncodeMessageAtDepth(message, out, type_meta);
    --depth_;
  }

 private:
  void EncodeMessageAtDepth(const Message& message, rapidjson::Value& out, bool type_meta) {
    const Descriptor* descriptor = message.GetDescriptor();
    const k8s::JsonForm form = internal::FormOf(descriptor);
    if (form != k8s::JSON_OBJECT) {
      internal::EncodeForm(form, message, out, allocator_);
      return;
    }
    out.SetObject();
    const std::string& api_version = internal::ApiVersionOf(descriptor);
    const bool write_type_meta = type_meta && !api_version.empty();
    if (write_type_meta) {
      AddMember(out, "kind", String(descriptor->name()));
      AddMember(out, "apiVersion", String(api_version));
    }
    EncodeMembers(message, out, write_type_meta, 0);
  }

  // Adds the fields of `message` to `object`, inline members in place.
  void EncodeMembers(const Message& message, rapidjson::Value& object, bool skip_type_meta,
                     int inline_depth) {
    const Descriptor* descriptor = message.GetDescriptor();
    const Reflection* reflection = message.GetReflection();
    for (int i = 0; i < descriptor->field_count(); ++i) {
      const FieldDescriptor* field = descriptor->field(i);
      if (skip_type_meta && (field->json_name() == "kind" || field->json_name() == "apiVersion")) {
        continue;
      }
      if (internal::IsInline(field)) {
        // An embedded Go struct is always there: its members follow their own rules.
        if (inline_depth < kMaxInlineDepth) {
          EncodeMembers(reflection->GetMessage(message, field), object, skip_type_meta,
                        inline_depth + 1);
        }
        continue;
      }
      rapidjson::Value value;
      if (EncodeField(message, field, value)) AddMember(object, field->json_name(), value);
    }
  }

  // Fills `out` and returns true if the field is written at all.
  bool EncodeField(const Message& message, const FieldDescriptor* field, rapidjson::Value& out) {
    const Reflection* reflection = message.GetReflection();
    const bool always = internal::IsAlwaysEmit(field);
    if (field->is_map()) {
      if (reflection->FieldSize(message, field) == 0 && !always) return false;
      EncodeMap(message, field, out);
      return true;
    }
    if (field->is_repeated()) {
      const int size = reflection->FieldSize(message, field);
      if (size == 0 && !always) return false;
      out.SetArray();
      out.Reserve(static_cast<rapidjson::SizeType>(size), allocator_);
      for (int i = 0; i < size; ++i) {
        rapidjson::Value element;
        EncodeValue(message, field, i, element);
        out.PushBack(element, allocator_);
      }
      return true;
    }
    const bool pointer = internal::IsPointer(field);
    if (!reflection->HasField(message, field)) {
      if (!always) return false;
      if (pointer) return true;  // a nil pointer without omitempty: null
      // Otherwise Go writes the zero value: the default instance or scalar below.
    } else if (!pointer && !always && internal::IsZeroScalar(message, field)) {
      return false;  // omitempty
    }
    EncodeValue(message, field, -1, out);
    return true;
  }

  void EncodeMap(const Message& message, const FieldDescriptor* field, rapidjson::Value& out) {
    const Reflection* reflection = message.GetReflection();
    const FieldDescriptor* key_field = field->message_type()->map_key();
    const FieldDescriptor* value_field = field->message_type()->map_value();
    const int size = reflection->FieldSize(message, field);
    // Go sorts map keys by their text.
    std::vector<std::pair<std::string, int>> keys;
    keys.reserve(size);
    for (int i = 0; i < size; ++i) {
      const Message& entry = reflection->GetRepeatedMessage(message, field, i);
      keys.emplace_back(MapKeyText(entry, key_field), i);
    }
    std::sort(keys.begin(), keys.end());
    out.SetObject();
    for (const auto& [key, index] : keys) {
      rapidjson::Value value;
      EncodeValue(reflection->GetRepeatedMessage(message, field, index), value_field, -1, value);
      AddMember(out, key, value);
    }
  }

  static std::string MapKeyText(const Message& entry, const FieldDescriptor* key_field) {
    const Reflection* reflection = entry.GetReflection();
    switch (key_field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_STRING:
        return SanitizeUtf8(reflection->GetString(entry, key_field));
      case FieldDescriptor::CPPTYPE_INT32:
        return absl::StrCat(reflection->GetInt32(entry, key_field));
      case FieldDescriptor::CPPTYPE_INT64:
        return absl::StrCat(reflection->GetInt64(entry, key_field));
      case FieldDescriptor::CPPTYPE_UINT32:
        return absl::StrCat(reflection->GetUInt32(entry, key_field));
      case FieldDescriptor::CPPTYPE_UINT64:
        return absl::StrCat(reflection->GetUInt64(entry, key_field));
      case FieldDescriptor::CPPTYPE_BOOL:
        return reflection->GetBool(entry, key_field) ? "true" : "false";
      default:
        return "";
    }
  }

  // One value of `field`: the singular value if index < 0, else element `index`.
  void EncodeValue(const Message& message, const FieldDescriptor* field, int index,
                   rapidjson::Value& out) {
    const Reflection* reflection = message.GetReflection();
    const bool single = index < 0;
    switch (field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_INT32:
        out.SetInt(single ? reflection->GetInt32(message, field)
                          : reflection->GetRepeatedInt32(message, field, index));
        return;
      case FieldDescriptor::CPPTYPE_INT64:
        out.SetInt64(single ? reflection->GetInt64(message, field)
                            : reflection->GetRepeatedInt64(message, field, index));
        return;
      case FieldDescriptor::CPPTYPE_UINT32:
        out.SetUint(single ? reflection->GetUInt32(message, field)
                           : reflection->GetRepeatedUInt32(message, field, index));
        return;
      case FieldDescriptor::CPPTYPE_UINT64:
        out.SetUint64(single ? reflection->GetUInt64(message, field)
                             : reflection->GetRepeatedUInt64(message, field, index));
        return;
      case FieldDescriptor::CPPTYPE_DOUBLE: {
        double value = single ? reflection->GetDouble(message, field)
                              : reflection->GetRepeatedDouble(message, field, index);
        if (std::isfinite(value)) out.SetDouble(value);  // JSON has no NaN: null
        return;
      }
      case FieldDescriptor::CPPTYPE_FLOAT: {
        float value = single ? reflection->GetFloat(message, field)
                             : reflection->GetRepeatedFloat(message, field, index);
        if (std::isfinite(value)) out.SetDouble(FloatAsShortestDouble(value));
        return;
      }
      case FieldDescriptor::CPPTYPE_BOOL:
        out.SetBool(single ? reflection->GetBool(message, field)
                           : reflection->GetRepeatedBool(message, field, index));
        return;
      case FieldDescriptor::CPPTYPE_ENUM: {
        int number = single ? reflection->GetEnumValue(message, field)
                            : reflection->GetRepeatedEnumValue(message, field, index);
        const auto* value = field->enum_type()->FindValueByNumber(number);
        if (value != nullptr) {
          out = String(value->name());
        } else {
          out.SetInt(number);
        }
        return;
      }
      case FieldDescriptor::CPPTYPE_STRING: {
        std::string scratch;
        const std::string& text =
            single ? reflection->GetStringReference(message, field, &scratch)
                   : reflection->GetRepeatedStringReference(message, field, index, &scratch);
        if (field->type() == FieldDescriptor::TYPE_BYTES) {
          out = String(Base64Encode(text));
        } else if (IsValidUtf8(text)) {
          out = String(text);
        } else {
          out = String(SanitizeUtf8(text));
        }
        return;
      }
      case FieldDescriptor::CPPTYPE_MESSAGE:
        EncodeMessage(single ? reflection->GetMessage(message, field)
                             : reflection->GetRepeatedMessage(message, field, index),
                      out, false);
        return;
    }
  }

  rapidjson::Value String(std::string_view text) {
    return rapidjson::Value(text.data(), static_cast<rapidjson::SizeType>(text.size()),
                            allocator_);
  }

  void AddMember(rapidjson::Value& object, std::string_view name, rapidjson::Value& value) {
    rapidjson::Value key = String(name);
    object.AddMember(key, value, allocator_);
  }
  void AddMember(rapidjson::Value& object, std::string_view name, rapidjson::Value&& value) {
    AddMember(object, name, value);
  }

  Allocator& allocator_;
  int depth_ = 0;
};

}  // namespace

void EncodeJsonValue(const Message& message, rapidjson::Value& out, Allocator& allocator,
                     const EncodeOptions& options) {
  Encoder(allocator).EncodeMessage(message, out, options.type_meta);
}

std::string EncodeJson(const Message& message, const EncodeOptions& options) {
  rapidjson::Document document;
  EncodeJsonValue(message, document, document.GetAllocator(), options);
  return WriteJson(document);
}

}  // namespace kube::codec
