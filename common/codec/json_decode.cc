#include "common/codec/json_decode.h"

#include <algorithm>
#include <limits>

#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/codec/absl_view.h"
#include "common/codec/annotations.h"
#include "common/codec/base64.h"
#include "common/codec/json_forms.h"
#include "common/codec/json_numbers.h"
#include "common/codec/json_text.h"

namespace kube::codec {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

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

}  // namespace

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
  return DecodeJsonValue(document, message, unknown);
}

}  // namespace kube::codec
