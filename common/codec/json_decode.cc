#include "common/codec/json_decode.h"

#include <algorithm>
#include <limits>

#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/codec/absl_view.h"
#include "common/codec/base64.h"
#include "common/codec/json_forms.h"
#include "common/codec/json_numbers.h"
#include "common/codec/json_text.h"
#include "common/codec/message_info.h"

namespace kube::codec {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;
using internal::FieldInfo;
using internal::MessageInfo;

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

// The distinct keys of a JSON object and the index of each one's map entry: a linear
// scan for small objects, a hash map for large ones.
class MapIndex {
 public:
  explicit MapIndex(size_t members) : hashed_(members > kLinearMax) {}

  // The entry index of `key`, and whether the key is new (its index is then the next).
  std::pair<int, bool> Insert(std::string_view key) {
    if (hashed_) {
      auto [it, inserted] = index_of_.try_emplace(key, static_cast<int>(index_of_.size()));
      return {it->second, inserted};
    }
    for (size_t i = 0; i < keys_.size(); ++i) {
      if (keys_[i] == key) return {static_cast<int>(i), false};
    }
    keys_.push_back(key);
    return {static_cast<int>(keys_.size() - 1), true};
  }

 private:
  static constexpr size_t kLinearMax = 16;
  const bool hashed_;
  absl::InlinedVector<std::string_view, kLinearMax> keys_;
  absl::flat_hash_map<std::string_view, int> index_of_;
};

class Decoder {
 public:
  explicit Decoder(std::vector<std::string>* unknown) : unknown_(unknown) {}

  // `value` is not null; `message` is cleared and `info` is its table.
  absl::Status DecodeMessage(const rapidjson::Value& value, Message& message,
                             const MessageInfo& info, std::string& path) {
    if (info.form != k8s::JSON_OBJECT) {
      return AtPath(path, internal::DecodeForm(info.form, value, message));
    }
    if (!value.IsObject()) return AtPath(path, WrongType("object", value));

    const auto& routes = info.Routes();
    const bool has_type_meta = !info.api_version.empty();
    const Reflection& reflection = *message.GetReflection();
    // Fields already set by a key of this object; few enough for a linear search.
    absl::InlinedVector<const FieldInfo*, 16> seen;
    // The members no typed field takes, for a (k8s.json_remainder) field.
    rapidjson::Document remainder;
    if (info.remainder >= 0) remainder.SetObject();
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
        } else if (info.remainder >= 0) {
          if (remainder.HasMember(member.name)) Unknown(path);  // a repeated key: the last wins
          rapidjson::Value name(member.name, remainder.GetAllocator());
          rapidjson::Value copy(member.value, remainder.GetAllocator());
          remainder.AddMember(name, copy, remainder.GetAllocator());
        } else {
          Unknown(path);
        }
      } else {
        const FieldInfo& field = *route->second.field;
        // Fields start cleared; only a repeated key finds one set.
        const bool repeated_key = std::find(seen.begin(), seen.end(), &field) != seen.end();
        if (repeated_key) {
          Unknown(path);  // a repeated key: the last wins
        } else {
          seen.push_back(&field);
        }
        Message* target = &message;
        const Reflection* target_reflection = &reflection;
        for (const FieldDescriptor* inline_field : route->second.via) {
          target = target_reflection->MutableMessage(target, inline_field);
          target_reflection = target->GetReflection();
        }
        absl::Status status =
            DecodeField(member.value, *target, *target_reflection, field, repeated_key, path);
        if (!status.ok()) return status;
      }
      path.resize(mark);
    }
    if (info.remainder >= 0 && remainder.MemberCount() > 0) {
      SortKeys(remainder);
      reflection.SetString(&message, info.fields[info.remainder].field, WriteJson(remainder));
    }
    return absl::OkStatus();
  }

 private:
  absl::Status DecodeField(const rapidjson::Value& value, Message& message,
                           const Reflection& reflection, const FieldInfo& field, bool was_set,
                           std::string& path) {
    if (was_set) reflection.ClearField(&message, field.field);
    if (value.IsNull()) return absl::OkStatus();
    if (field.is_map) return DecodeMap(value, message, reflection, field, path);
    if (field.is_repeated) {
      if (!value.IsArray()) return AtPath(path, WrongType("array", value));
      const size_t mark = path.size();
      rapidjson::SizeType index = 0;
      for (const auto& element : value.GetArray()) {
        absl::StrAppend(&path, "[", index++, "]");
        absl::Status status = DecodeValue(element, message, reflection, field, /*add=*/true, path);
        if (!status.ok()) return status;
        path.resize(mark);
      }
      return absl::OkStatus();
    }
    return DecodeValue(value, message, reflection, field, /*add=*/false, path);
  }

  absl::Status DecodeMap(const rapidjson::Value& value, Message& message,
                         const Reflection& reflection, const FieldInfo& field, std::string& path) {
    if (!value.IsObject()) return AtPath(path, WrongType("object", value));
    const FieldDescriptor* key_field = field.Message().fields[0].field;
    const FieldInfo& value_field = field.MapValue();
    MapIndex index_of(value.MemberCount());
    for (const auto& member : value.GetObject()) {
      const std::string_view key = View(member.name);
      const size_t mark = path.size();
      AppendKey(path, key);
      Message* entry;
      auto [index, inserted] = index_of.Insert(key);
      if (inserted) {
        entry = reflection.AddMessage(&message, field.field);
      } else {
        Unknown(path);  // a repeated key: the last wins
        entry = reflection.MutableRepeatedMessage(&message, field.field, index);
        entry->Clear();
      }
      const Reflection& entry_reflection = *entry->GetReflection();
      absl::Status status = SetMapKey(*entry, entry_reflection, key_field, key);
      if (!status.ok()) return AtPath(path, status);
      if (!member.value.IsNull()) {
        status = DecodeValue(member.value, *entry, entry_reflection, value_field, /*add=*/false,
                             path);
        if (!status.ok()) return status;
      }
      path.resize(mark);
    }
    return absl::OkStatus();
  }

  static absl::Status SetMapKey(Message& entry, const Reflection& reflection,
                                const FieldDescriptor* key_field, std::string_view key) {
    auto bad_key = [&] {
      return absl::InvalidArgumentError(
          absl::StrCat("invalid map key \"", internal::AbslView(key), "\" for ", key_field->type_name()));
    };
    switch (key_field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_STRING:
        reflection.SetString(&entry, key_field, std::string(key));
        return absl::OkStatus();
      case FieldDescriptor::CPPTYPE_INT32: {
        int32_t v;
        if (!absl::SimpleAtoi(internal::AbslView(key), &v)) return bad_key();
        reflection.SetInt32(&entry, key_field, v);
        return absl::OkStatus();
      }
      case FieldDescriptor::CPPTYPE_INT64: {
        int64_t v;
        if (!absl::SimpleAtoi(internal::AbslView(key), &v)) return bad_key();
        reflection.SetInt64(&entry, key_field, v);
        return absl::OkStatus();
      }
      case FieldDescriptor::CPPTYPE_UINT32: {
        uint32_t v;
        if (!absl::SimpleAtoi(internal::AbslView(key), &v)) return bad_key();
        reflection.SetUInt32(&entry, key_field, v);
        return absl::OkStatus();
      }
      case FieldDescriptor::CPPTYPE_UINT64: {
        uint64_t v;
        if (!absl::SimpleAtoi(internal::AbslView(key), &v)) return bad_key();
        reflection.SetUInt64(&entry, key_field, v);
        return absl::OkStatus();
      }
      case FieldDescriptor::CPPTYPE_BOOL:
        if (key != "true" && key != "false") return bad_key();
        reflection.SetBool(&entry, key_field, key == "true");
        return absl::OkStatus();
      default:
        return bad_key();
    }
  }

  // Whether `value` is the zero value of a scalar field of `type` (and of a JSON type
  // the field accepts, so type errors are still reported).
  static bool IsZeroScalar(const rapidjson::Value& value, FieldDescriptor::CppType type) {
    switch (type) {
      case FieldDescriptor::CPPTYPE_INT32:
      case FieldDescriptor::CPPTYPE_INT64:
      case FieldDescriptor::CPPTYPE_UINT32:
      case FieldDescriptor::CPPTYPE_UINT64:
        return value.IsNumber() && (value.IsInt64() ? value.GetInt64() == 0 : value.GetDouble() == 0);
      case FieldDescriptor::CPPTYPE_DOUBLE:
      case FieldDescriptor::CPPTYPE_FLOAT:
        return value.IsNumber() && value.GetDouble() == 0;
      case FieldDescriptor::CPPTYPE_BOOL:
        return value.IsBool() && !value.GetBool();
      case FieldDescriptor::CPPTYPE_STRING:
        return value.IsString() && value.GetStringLength() == 0;
      default:
        return false;
    }
  }

  // Decodes one value into `field`: sets it, or appends to it if `add`. A null list
  // element or map value becomes the zero value, as in Go.
  absl::Status DecodeValue(const rapidjson::Value& value, Message& message,
                           const Reflection& reflection, const FieldInfo& info, bool add,
                           std::string& path) {
    const FieldDescriptor* field = info.field;
    const bool null = value.IsNull();
    // Kubernetes treats a non-pointer field holding its zero value as absent
    // (omitempty), so it is decoded as absent: a JSON round trip then leaves an
    // object byte-identical, which is how writes that change nothing are found.
    if (!add && !info.pointer && IsZeroScalar(value, info.cpp_type)) {
      reflection.ClearField(&message, field);
      return absl::OkStatus();
    }
    switch (info.cpp_type) {
      case FieldDescriptor::CPPTYPE_INT32: {
        auto v = null ? 0 : internal::JsonToInt(value, std::numeric_limits<int32_t>::min(),
                                                std::numeric_limits<int32_t>::max());
        if (!v.ok()) return AtPath(path, v.status());
        add ? reflection.AddInt32(&message, field, static_cast<int32_t>(*v))
            : reflection.SetInt32(&message, field, static_cast<int32_t>(*v));
        return absl::OkStatus();
      }
      case FieldDescriptor::CPPTYPE_INT64: {
        auto v = null ? 0 : internal::JsonToInt(value, std::numeric_limits<int64_t>::min(),
                                                std::numeric_limits<int64_t>::max());
        if (!v.ok()) return AtPath(path, v.status());
        add ? reflection.AddInt64(&message, field, *v) : reflection.SetInt64(&message, field, *v);
        return absl::OkStatus();
      }
      case FieldDescriptor::CPPTYPE_UINT32: {
        auto v = null ? 0 : internal::JsonToUint(value, std::numeric_limits<uint32_t>::max());
        if (!v.ok()) return AtPath(path, v.status());
        add ? reflection.AddUInt32(&message, field, static_cast<uint32_t>(*v))
            : reflection.SetUInt32(&message, field, static_cast<uint32_t>(*v));
        return absl::OkStatus();
      }
      case FieldDescriptor::CPPTYPE_UINT64: {
        auto v = null ? 0 : internal::JsonToUint(value, std::numeric_limits<uint64_t>::max());
        if (!v.ok()) return AtPath(path, v.status());
        add ? reflection.AddUInt64(&message, field, *v)
            : reflection.SetUInt64(&message, field, *v);
        return absl::OkStatus();
      }
      case FieldDescriptor::CPPTYPE_DOUBLE:
      case FieldDescriptor::CPPTYPE_FLOAT: {
        const bool is_float = info.cpp_type == FieldDescriptor::CPPTYPE_FLOAT;
        auto v = null ? 0.0 : internal::JsonToDouble(value, is_float ? 32 : 64);
        if (!v.ok()) return AtPath(path, v.status());
        if (is_float) {
          add ? reflection.AddFloat(&message, field, static_cast<float>(*v))
              : reflection.SetFloat(&message, field, static_cast<float>(*v));
        } else {
          add ? reflection.AddDouble(&message, field, *v)
              : reflection.SetDouble(&message, field, *v);
        }
        return absl::OkStatus();
      }
      case FieldDescriptor::CPPTYPE_BOOL: {
        if (!null && !value.IsBool()) return AtPath(path, WrongType("bool", value));
        const bool v = !null && value.GetBool();
        add ? reflection.AddBool(&message, field, v) : reflection.SetBool(&message, field, v);
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
        add ? reflection.AddEnumValue(&message, field, number)
            : reflection.SetEnumValue(&message, field, number);
        return absl::OkStatus();
      }
      case FieldDescriptor::CPPTYPE_STRING: {
        std::string v;
        if (!null) {
          if (!value.IsString()) {
            return AtPath(path, WrongType(info.is_bytes ? "base64 string" : "string", value));
          }
          if (info.is_bytes) {
            absl::StatusOr<std::string> bytes = Base64Decode(View(value));
            if (!bytes.ok()) return AtPath(path, bytes.status());
            v = *std::move(bytes);
          } else {
            v.assign(value.GetString(), value.GetStringLength());
          }
        }
        add ? reflection.AddString(&message, field, std::move(v))
            : reflection.SetString(&message, field, std::move(v));
        return absl::OkStatus();
      }
      case FieldDescriptor::CPPTYPE_MESSAGE: {
        Message* child = add ? reflection.AddMessage(&message, field)
                             : reflection.MutableMessage(&message, field);
        if (null) return absl::OkStatus();
        return DecodeMessage(value, *child, info.Message(), path);
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

// The value of a cleared `message`, nesting already checked.
absl::Status DecodeChecked(const rapidjson::Value& value, Message& message,
                           std::vector<std::string>* unknown) {
  if (value.IsNull()) return absl::OkStatus();
  std::string path;
  return Decoder(unknown).DecodeMessage(value, message,
                                        internal::InfoOf(message.GetDescriptor()), path);
}

}  // namespace

absl::Status DecodeJsonValue(const rapidjson::Value& value, Message& message,
                             std::vector<std::string>* unknown) {
  message.Clear();
  if (!WithinDepth(value, kMaxNestingDepth)) {
    return absl::InvalidArgumentError(
        absl::StrCat("JSON nests deeper than ", kMaxNestingDepth, " levels"));
  }
  return DecodeChecked(value, message, unknown);
}

absl::Status DecodeJson(std::string_view json, Message& message,
                        std::vector<std::string>* unknown) {
  message.Clear();
  rapidjson::Document document;
  absl::Status status = ParseJson(json, document);  // checks the nesting too
  if (!status.ok()) return status;
  return DecodeChecked(document, message, unknown);
}

}  // namespace kube::codec
