// The codec as it was before its fast paths (commit 91b69c4): the reflection encoder
// that built a RapidJSON document, the decoder, ClearZeroValues and the helpers they
// changed. Kept verbatim, for tests only, to show that today's codec writes and reads
// exactly the same. Do not use it elsewhere.

#include "common/codec/testing/reference_codec.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "rapidjson/error/en.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/codec/absl_view.h"
#include "common/codec/annotations.h"
#include "common/codec/base64.h"
#include "common/codec/go_duration.h"
#include "common/codec/json_forms.h"
#include "common/codec/json_numbers.h"
#include "common/codec/json_text.h"
#include "common/codec/reflection_util.h"
#include "common/codec/rfc3339.h"

namespace kube::codec::reference {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;
using Allocator = rapidjson::Document::AllocatorType;
using internal::GetIntField;
using internal::GetStringField;

constexpr int64_t kNanosPerSecond = 1'000'000'000;

// Upstream field numbers of the form messages.
constexpr int kIntOrStringType = 1, kIntOrStringInt = 2, kIntOrStringString = 3;
constexpr int kQuantityString = 1;
constexpr int kTimeSeconds = 1, kTimeNanos = 2;
constexpr int kRawBytes = 1;
constexpr int kDurationNanos = 1;

bool IsZeroTime(const Message& message) {
  return GetIntField(message, kTimeSeconds) == 0 && GetIntField(message, kTimeNanos) == 0;
}

// Length of the UTF-8 sequence starting at text[i], or 0 if it is invalid.
size_t Utf8SequenceLength(std::string_view text, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  auto continuation = [&](size_t k) { return k < text.size() && (byte(k) & 0xC0) == 0x80; };
  unsigned char c = byte(i);
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return continuation(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!continuation(i + 1) || !continuation(i + 2)) return 0;
    unsigned char c1 = byte(i + 1);
    if (c == 0xE0 && c1 < 0xA0) return 0;   // overlong
    if (c == 0xED && c1 >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!continuation(i + 1) || !continuation(i + 2) || !continuation(i + 3)) return 0;
    unsigned char c1 = byte(i + 1);
    if (c == 0xF0 && c1 < 0x90) return 0;  // overlong
    if (c == 0xF4 && c1 >= 0x90) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}


void EncodeForm(k8s::JsonForm form, const Message& message, rapidjson::Value& out,
                rapidjson::Document::AllocatorType& allocator) {

  auto set_string = [&](const std::string& text) {
    out.SetString(text.data(), static_cast<rapidjson::SizeType>(text.size()), allocator);
  };
  switch (form) {
    case k8s::JSON_INT_OR_STRING:
      if (GetIntField(message, kIntOrStringType) == 1) {
        set_string(SanitizeUtf8(GetStringField(message, kIntOrStringString)));
      } else {
        out.SetInt64(GetIntField(message, kIntOrStringInt));
      }
      return;
    case k8s::JSON_QUANTITY: {
      std::string text = GetStringField(message, kQuantityString);
      set_string(text.empty() ? "0" : SanitizeUtf8(text));
      return;
    }
    case k8s::JSON_TIME:
    case k8s::JSON_MICRO_TIME:
      if (IsZeroTime(message)) {
        out.SetNull();
      } else {
        UnixTime time{GetIntField(message, kTimeSeconds),
                      static_cast<int32_t>(GetIntField(message, kTimeNanos))};
        set_string(reference::FormatRfc3339(time, form == k8s::JSON_MICRO_TIME ? 6 : 0));
      }
      return;
    case k8s::JSON_RAW: {
      // The bytes are JSON already; anything that does not parse is written as null
      // rather than producing invalid output.
      std::string raw = GetStringField(message, kRawBytes);
      out.SetNull();
      if (raw.empty()) return;
      rapidjson::Document parsed(&allocator);
      if (ParseJson(raw, parsed).ok()) out.Swap(parsed);
      return;
    }
    case k8s::JSON_DURATION:
      set_string(FormatGoDuration(GetIntField(message, kDurationNanos)));
      return;
    case k8s::JSON_STRING_LIST: {
      const auto* items = message.GetDescriptor()->FindFieldByNumber(1);
      const auto& reflection = *message.GetReflection();
      const int size = items != nullptr ? reflection.FieldSize(message, items) : 0;
      if (size == 0) {
        out.SetNull();
        return;
      }
      out.SetArray();
      for (int i = 0; i < size; ++i) {
        std::string text = SanitizeUtf8(reflection.GetRepeatedString(message, items, i));
        rapidjson::Value item;
        item.SetString(text.data(), static_cast<rapidjson::SizeType>(text.size()), allocator);
        out.PushBack(item, allocator);
      }
      return;
    }
    case k8s::JSON_OBJECT:
    default:
      out.SetObject();
      return;
  }
}

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
      EncodeForm(form, message, out, allocator_);
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

std::string_view View(const rapidjson::Value& string) {
  return std::string_view(string.GetString(), string.GetStringLength());
}

absl::Status WrongType(std::string_view expected, const rapidjson::Value& value) {
  return absl::InvalidArgumentError(
      absl::StrCat("expected ", internal::AbslView(expected), ", got ", JsonTypeName(value)));
}

// Appends a key to a field path: "a" then "a.b".
void AppendKey(std::string& path, std::string_view key) {
  if (!path.empty()) path += '.';
  path += key;
}

class Decoder {
 public:
  explicit Decoder(std::vector<std::string>* unknown) : unknown_(unknown) {}

  // `value` is not null; `message` is cleared.
  absl::Status DecodeMessage(const rapidjson::Value& value, Message& message, std::string& path) {
    const k8s::JsonForm form = internal::FormOf(message.GetDescriptor());
    if (form != k8s::JSON_OBJECT) return AtPath(path, internal::DecodeForm(form, value, message));
    if (!value.IsObject()) return AtPath(path, WrongType("object", value));

    const Descriptor* descriptor = message.GetDescriptor();
    const internal::KeyRoutes& routes = internal::RoutesOf(descriptor);
    const bool has_type_meta = !internal::ApiVersionOf(descriptor).empty();
    // Fields already set by a key of this object; few enough for a linear search.
    absl::InlinedVector<const FieldDescriptor*, 16> seen;
    for (const auto& member : value.GetObject()) {
      const std::string_view key = View(member.name);
      const size_t mark = path.size();
      AppendKey(path, key);
      auto route = routes.find(internal::AbslView(key));
      if (route == routes.end()) {
        if (has_type_meta && (key == "kind" || key == "apiVersion")) {
          if (!member.value.IsString() && !member.value.IsNull()) {
            return AtPath(path, WrongType("string", member.value));
          }
        } else {
          Unknown(path);
        }
      } else {
        const FieldDescriptor* field = route->second.field;
        if (std::find(seen.begin(), seen.end(), field) != seen.end()) {
          Unknown(path);  // a repeated key: the last wins
        } else {
          seen.push_back(field);
        }
        Message* target = &message;
        for (const FieldDescriptor* inline_field : route->second.via) {
          target = target->GetReflection()->MutableMessage(target, inline_field);
        }
        absl::Status status = DecodeField(member.value, *target, field, path);
        if (!status.ok()) return status;
      }
      path.resize(mark);
    }
    return absl::OkStatus();
  }

 private:
  absl::Status DecodeField(const rapidjson::Value& value, Message& message,
                           const FieldDescriptor* field, std::string& path) {
    const Reflection* reflection = message.GetReflection();
    reflection->ClearField(&message, field);
    if (value.IsNull()) return absl::OkStatus();
    if (field->is_map()) return DecodeMap(value, message, field, path);
    if (field->is_repeated()) {
      if (!value.IsArray()) return AtPath(path, WrongType("array", value));
      const size_t mark = path.size();
      rapidjson::SizeType index = 0;
      for (const auto& element : value.GetArray()) {
        absl::StrAppend(&path, "[", index++, "]");
        absl::Status status = DecodeValue(element, message, field, /*add=*/true, path);
        if (!status.ok()) return status;
        path.resize(mark);
      }
      return absl::OkStatus();
    }
    return DecodeValue(value, message, field, /*add=*/false, path);
  }

  absl::Status DecodeMap(const rapidjson::Value& value, Message& message,
                         const FieldDescriptor* field, std::string& path) {
    if (!value.IsObject()) return AtPath(path, WrongType("object", value));
    const Reflection* reflection = message.GetReflection();
    const FieldDescriptor* key_field = field->message_type()->map_key();
    const FieldDescriptor* value_field = field->message_type()->map_value();
    absl::flat_hash_map<std::string_view, int> index_of;
    for (const auto& member : value.GetObject()) {
      const std::string_view key = View(member.name);
      const size_t mark = path.size();
      AppendKey(path, key);
      Message* entry;
      auto [it, inserted] = index_of.try_emplace(key, reflection->FieldSize(message, field));
      if (inserted) {
        entry = reflection->AddMessage(&message, field);
      } else {
        Unknown(path);  // a repeated key: the last wins
        entry = reflection->MutableRepeatedMessage(&message, field, it->second);
        entry->Clear();
      }
      absl::Status status = SetMapKey(*entry, key_field, key);
      if (!status.ok()) return AtPath(path, status);
      if (!member.value.IsNull()) {
        status = DecodeValue(member.value, *entry, value_field, /*add=*/false, path);
        if (!status.ok()) return status;
      }
      path.resize(mark);
    }
    return absl::OkStatus();
  }

  static absl::Status SetMapKey(Message& entry, const FieldDescriptor* key_field,
                                std::string_view key) {
    const Reflection* reflection = entry.GetReflection();
    auto bad_key = [&] {
      return absl::InvalidArgumentError(
          absl::StrCat("invalid map key \"", internal::AbslView(key), "\" for ", key_field->type_name()));
    };
    switch (key_field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_STRING:
        reflection->SetString(&entry, key_field, std::string(key));
        return absl::OkStatus();
      case FieldDescriptor::CPPTYPE_INT32: {
        int32_t v;
        if (!absl::SimpleAtoi(internal::AbslView(key), &v)) return bad_key();
        reflection->SetInt32(&entry, key_field, v);
        return absl::OkStatus();
      }
      case FieldDescriptor::CPPTYPE_INT64: {
        int64_t v;
        if (!absl::SimpleAtoi(internal::AbslView(key), &v)) return bad_key();
        reflection->SetInt64(&entry, key_field, v);
        return absl::OkStatus();
      }
      case FieldDescriptor::CPPTYPE_UINT32: {
        uint32_t v;
        if (!absl::SimpleAtoi(internal::AbslView(key), &v)) return bad_key();
        reflection->SetUInt32(&entry, key_field, v);
        return absl::OkStatus();
      }
      case FieldDescriptor::CPPTYPE_UINT64: {
        uint64_t v;
        if (!absl::SimpleAtoi(internal::AbslView(key), &v)) return bad_key();
        reflection->SetUInt64(&entry, key_field, v);
        return absl::OkStatus();
      }
      case FieldDescriptor::CPPTYPE_BOOL:
        if (key != "true" && key != "false") return bad_key();
        reflection->SetBool(&entry, key_field, key == "true");
        return absl::OkStatus();
      default:
        return bad_key();
    }
  }

  // Decodes one value into `field`: sets it, or appends to it if `add`. A null list
  // element or map value becomes the zero value, as in Go.
  absl::Status DecodeValue(const rapidjson::Value& value, Message& message,
                           const FieldDescriptor* field, bool add, std::string& path) {
    const Reflection* reflection = message.GetReflection();
    const bool null = value.IsNull();
    switch (field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_INT32: {
        auto v = null ? 0 : internal::JsonToInt(value, std::numeric_limits<int32_t>::min(),
                                                std::numeric_limits<int32_t>::max());
        if (!v.ok()) return AtPath(path, v.status());
        add ? reflection->AddInt32(&message, field, static_cast<int32_t>(*v))
            : reflection->SetInt32(&message, field, static_cast<int32_t>(*v));
        return absl::OkStatus();
      }
      case FieldDescriptor::CPPTYPE_INT64: {
        auto v = null ? 0 : internal::JsonToInt(value, std::numeric_limits<int64_t>::min(),
                                                std::numeric_limits<int64_t>::max());
        if (!v.ok()) return AtPath(path, v.status());
        add ? reflection->AddInt64(&message, field, *v) : reflection->SetInt64(&message, field, *v);
        return absl::OkStatus();
      }
      case FieldDescriptor::CPPTYPE_UINT32: {
        auto v = null ? 0 : internal::JsonToUint(value, std::numeric_limits<uint32_t>::max());
        if (!v.ok()) return AtPath(path, v.status());
        add ? reflection->AddUInt32(&message, field, static_cast<uint32_t>(*v))
            : reflection->SetUInt32(&message, field, static_cast<uint32_t>(*v));
        return absl::OkStatus();
      }
      case FieldDescriptor::CPPTYPE_UINT64: {
        auto v = null ? 0 : internal::JsonToUint(value, std::numeric_limits<uint64_t>::max());
        if (!v.ok()) return AtPath(path, v.status());
        add ? reflection->AddUInt64(&message, field, *v)
            : reflection->SetUInt64(&message, field, *v);
        return absl::OkStatus();
      }
      case FieldDescriptor::CPPTYPE_DOUBLE:
      case FieldDescriptor::CPPTYPE_FLOAT: {
        const bool is_float = field->cpp_type() == FieldDescriptor::CPPTYPE_FLOAT;
        auto v = null ? 0.0 : internal::JsonToDouble(value, is_float ? 32 : 64);
        if (!v.ok()) return AtPath(path, v.status());
        if (is_float) {
          add ? reflection->AddFloat(&message, field, static_cast<float>(*v))
              : reflection->SetFloat(&message, field, static_cast<float>(*v));
        } else {
          add ? reflection->AddDouble(&message, field, *v)
              : reflection->SetDouble(&message, field, *v);
        }
        return absl::OkStatus();
      }
      case FieldDescriptor::CPPTYPE_BOOL: {
        if (!null && !value.IsBool()) return AtPath(path, WrongType("bool", value));
        const bool v = !null && value.GetBool();
        add ? reflection->AddBool(&message, field, v) : reflection->SetBool(&message, field, v);
        return absl::OkStatus();
      }
      case FieldDescriptor::CPPTYPE_ENUM: {
        int number = 0;
        if (value.IsString()) {
          const auto* enum_value = field->enum_type()->FindValueByName(std::string(View(value)));
          if (enum_value == nullptr) {
            return AtPath(path, absl::InvalidArgumentError(
                                    absl::StrCat("unknown value \"", internal::AbslView(View(value)), "\"")));
          }
          number = enum_value->number();
        } else if (!null) {
          auto v = internal::JsonToInt(value, std::numeric_limits<int32_t>::min(),
                                       std::numeric_limits<int32_t>::max());
          if (!v.ok()) return AtPath(path, v.status());
          if (field->enum_type()->FindValueByNumber(static_cast<int>(*v)) == nullptr) {
            return AtPath(path, absl::InvalidArgumentError(absl::StrCat("unknown value ", *v)));
          }
          number = static_cast<int>(*v);
        }
        add ? reflection->AddEnumValue(&message, field, number)
            : reflection->SetEnumValue(&message, field, number);
        return absl::OkStatus();
      }
      case FieldDescriptor::CPPTYPE_STRING: {
        std::string v;
        if (!null) {
          if (!value.IsString()) {
            return AtPath(path, WrongType(field->type() == FieldDescriptor::TYPE_BYTES
                                              ? "base64 string"
                                              : "string",
                                          value));
          }
          if (field->type() == FieldDescriptor::TYPE_BYTES) {
            absl::StatusOr<std::string> bytes = Base64Decode(View(value));
            if (!bytes.ok()) return AtPath(path, bytes.status());
            v = *std::move(bytes);
          } else {
            v.assign(value.GetString(), value.GetStringLength());
          }
        }
        add ? reflection->AddString(&message, field, std::move(v))
            : reflection->SetString(&message, field, std::move(v));
        return absl::OkStatus();
      }
      case FieldDescriptor::CPPTYPE_MESSAGE: {
        Message* child = add ? reflection->AddMessage(&message, field)
                             : reflection->MutableMessage(&message, field);
        if (null) return absl::OkStatus();
        return DecodeMessage(value, *child, path);
      }
    }
    return absl::OkStatus();
  }

  void Unknown(const std::string& path) {
    if (unknown_ != nullptr) unknown_->push_back(path);
  }

  static absl::Status AtPath(const std::string& path, const absl::Status& status) {
    if (status.ok() || path.empty()) return status;
    return absl::Status(status.code(), absl::StrCat(path, ": ", status.message()));
  }

  std::vector<std::string>* unknown_;
};

// Protobuf parsing stops at 100 levels; programmatic messages deeper than this bound
// are left as they are below it.
constexpr int kMaxClearDepth = 200;

bool IsTimeForm(const Message& message) {
  k8s::JsonForm form = internal::FormOf(message.GetDescriptor());
  return form == k8s::JSON_TIME || form == k8s::JSON_MICRO_TIME;
}

void Clear(Message& message, int depth) {
  if (depth > kMaxClearDepth) return;
  const Reflection* reflection = message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    if (field->is_map()) {
      const FieldDescriptor* value_field = field->message_type()->map_value();
      if (value_field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) continue;
      for (int i = 0, n = reflection->FieldSize(message, field); i < n; ++i) {
        Message* entry = reflection->MutableRepeatedMessage(&message, field, i);
        Clear(*entry->GetReflection()->MutableMessage(entry, value_field), depth + 1);
      }
    } else if (field->is_repeated()) {
      if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) continue;
      for (int i = 0, n = reflection->FieldSize(message, field); i < n; ++i) {
        Clear(*reflection->MutableRepeatedMessage(&message, field, i), depth + 1);
      }
    } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      Message* child = reflection->MutableMessage(&message, field);
      Clear(*child, depth + 1);
      if (IsTimeForm(*child) && IsZeroTime(*child)) {
        reflection->ClearField(&message, field);
      }
    } else if (!internal::IsPointer(field) && internal::IsZeroScalar(message, field)) {
      reflection->ClearField(&message, field);
    }
  }
}

}  // namespace

std::string FormatRfc3339(UnixTime time, int fraction_digits) {
  int64_t seconds = time.seconds + time.nanos / kNanosPerSecond;
  int64_t nanos = time.nanos % kNanosPerSecond;
  if (nanos < 0) {
    nanos += kNanosPerSecond;
    --seconds;
  }
  absl::CivilSecond civil =
      absl::ToCivilSecond(absl::FromUnixSeconds(seconds), absl::UTCTimeZone());
  std::string out = absl::StrFormat("%04d-%02d-%02dT%02d:%02d:%02d", civil.year(),
                                    civil.month(), civil.day(), civil.hour(),
                                    civil.minute(), civil.second());
  if (fraction_digits > 0) {
    if (fraction_digits > 9) fraction_digits = 9;
    std::string fraction = absl::StrFormat("%09d", nanos);
    absl::StrAppend(&out, ".", fraction.substr(0, fraction_digits));
  }
  out += 'Z';
  return out;
}

bool IsValidUtf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    size_t length = Utf8SequenceLength(text, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

absl::Status ParseJson(std::string_view json, rapidjson::Document& doc) {
  constexpr unsigned kFlags = rapidjson::kParseIterativeFlag |
                              rapidjson::kParseFullPrecisionFlag |
                              rapidjson::kParseValidateEncodingFlag;
  doc.Parse<kFlags>(json.data(), json.size());
  if (doc.HasParseError()) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid JSON at offset ", doc.GetErrorOffset(), ": ",
                     rapidjson::GetParseError_En(doc.GetParseError())));
  }
  if (!WithinDepth(doc, kMaxNestingDepth)) {
    doc.SetNull();
    return absl::InvalidArgumentError(
        absl::StrCat("JSON nests deeper than ", kMaxNestingDepth, " levels"));
  }
  return absl::OkStatus();
}

void EncodeJsonValue(const Message& message, rapidjson::Value& out, Allocator& allocator,
                     const EncodeOptions& options) {
  Encoder(allocator).EncodeMessage(message, out, options.type_meta);
}

std::string EncodeJson(const Message& message, const EncodeOptions& options) {
  rapidjson::Document document;
  reference::EncodeJsonValue(message, document, document.GetAllocator(), options);
  return WriteJson(document);
}

absl::Status DecodeJsonValue(const rapidjson::Value& value, Message& message,
                             std::vector<std::string>* unknown) {
  message.Clear();
  if (!WithinDepth(value, kMaxNestingDepth)) {
    return absl::InvalidArgumentError(
        absl::StrCat("JSON nests deeper than ", kMaxNestingDepth, " levels"));
  }
  if (value.IsNull()) return absl::OkStatus();
  std::string path;
  return Decoder(unknown).DecodeMessage(value, message, path);
}

absl::Status DecodeJson(std::string_view json, Message& message,
                        std::vector<std::string>* unknown) {
  message.Clear();
  rapidjson::Document document;
  absl::Status status = ParseJson(json, document);
  if (!status.ok()) return status;
  return reference::DecodeJsonValue(document, message, unknown);
}

void ClearZeroValues(Message& message) { Clear(message, 0); }

}  // namespace kube::codec::reference
