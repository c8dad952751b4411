#include "common/codec/json_forms.h"

#include <limits>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/codec/absl_view.h"
#include "common/codec/go_duration.h"
#include "common/codec/json_numbers.h"
#include "common/codec/json_text.h"
#include "common/resource/quantity.h"
#include "common/codec/reflection_util.h"
#include "common/codec/rfc3339.h"
#include "common/codec/wire_reader.h"

namespace kube::codec::internal {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// Upstream field numbers of the form messages.
constexpr int kIntOrStringType = 1, kIntOrStringInt = 2, kIntOrStringString = 3;
constexpr int kQuantityString = 1;
constexpr int kTimeSeconds = 1, kTimeNanos = 2;
constexpr int kRawBytes = 1;
constexpr int kDurationNanos = 1;
constexpr int kStringListItems = 1;

absl::Status WrongType(std::string_view expected, const rapidjson::Value& value) {
  return absl::InvalidArgumentError(
      absl::StrCat("expected ", internal::AbslView(expected), ", got ", JsonTypeName(value)));
}

// The decimal text of a JSON number, for quantities sent as numbers.
std::string NumberText(const rapidjson::Value& value) {
  if (value.IsInt64()) return absl::StrCat(value.GetInt64());
  if (value.IsUint64()) return absl::StrCat(value.GetUint64());
  return FormatGoFloat(value.GetDouble());
}

absl::Status DecodeTime(const rapidjson::Value& value, Message& message) {
  if (!value.IsString()) return WrongType("RFC 3339 time string", value);
  absl::StatusOr<UnixTime> time =
      ParseRfc3339(std::string_view(value.GetString(), value.GetStringLength()));
  if (!time.ok()) return time.status();
  SetIntField(message, kTimeSeconds, time->seconds);
  SetIntField(message, kTimeNanos, time->nanos);
  return absl::OkStatus();
}

// What GetIntField (reflection_util.h) reads from a field that is absent, or from the
// value of a record of the field.
int64_t IntDefault(const FieldDescriptor* field) {
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
      return field->default_value_int32();
    case FieldDescriptor::CPPTYPE_INT64:
      return field->default_value_int64();
    case FieldDescriptor::CPPTYPE_UINT32:
      return field->default_value_uint32();
    case FieldDescriptor::CPPTYPE_UINT64:
      return static_cast<int64_t>(field->default_value_uint64());
    default:
      return 0;
  }
}

int64_t IntOf(const FieldInfo& field, uint64_t value) {
  switch (field.cpp_type) {
    case FieldDescriptor::CPPTYPE_INT32:
      return WireInt32(field.type, value);
    case FieldDescriptor::CPPTYPE_INT64:
      return WireInt64(field.type, value);
    case FieldDescriptor::CPPTYPE_UINT32:
      return static_cast<uint32_t>(value);
    case FieldDescriptor::CPPTYPE_UINT64:
      return static_cast<int64_t>(value);
    default:
      return 0;
  }
}

}  // namespace

bool IsZeroTime(const MessageInfo& info, const Message& message) {
  const Reflection& reflection = *message.GetReflection();
  return GetIntField(message, reflection, info.form_fields[kTimeSeconds]) == 0 &&
         GetIntField(message, reflection, info.form_fields[kTimeNanos]) == 0;
}

FormValue EncodeForm(k8s::JsonForm form, const FormFields& fields) {
  FormValue out;
  auto set_string = [&](std::string_view text) {
    out.kind = FormValue::Kind::kString;
    out.text = IsValidUtf8(text) ? std::string(text) : SanitizeUtf8(text);
  };
  switch (form) {
    case k8s::JSON_INT_OR_STRING:
      if (fields.ints[kIntOrStringType] == 1) {
        set_string(fields.texts[kIntOrStringString]);
      } else {
        out.kind = FormValue::Kind::kInt;
        out.number = fields.ints[kIntOrStringInt];
      }
      break;
    case k8s::JSON_QUANTITY: {
      const std::string_view text = fields.texts[kQuantityString];
      set_string(text.empty() ? "0" : text);
      break;
    }
    case k8s::JSON_TIME:
    case k8s::JSON_MICRO_TIME: {
      const int64_t seconds = fields.ints[kTimeSeconds], nanos = fields.ints[kTimeNanos];
      if (seconds != 0 || nanos != 0) {  // zero is null
        set_string(FormatRfc3339({seconds, static_cast<int32_t>(nanos)},
                                 form == k8s::JSON_MICRO_TIME ? 6 : 0));
      }
      break;
    }
    case k8s::JSON_RAW:
      // The bytes are JSON already; anything that does not parse is written as null
      // rather than producing invalid output.
      if (!fields.texts[kRawBytes].empty()) {
        out.kind = FormValue::Kind::kJson;
        out.text = fields.texts[kRawBytes];
      }
      break;
    case k8s::JSON_DURATION:
      set_string(FormatGoDuration(fields.ints[kDurationNanos]));
      break;
    case k8s::JSON_OBJECT:
    default:
      break;  // not a form; callers never ask
  }
  return out;
}

FormValue StringListForm(std::vector<std::string> items) {
  FormValue out;
  if (items.empty()) return out;  // a nil slice is null
  out.kind = FormValue::Kind::kStrings;
  for (std::string& item : items) {
    if (!IsValidUtf8(item)) item = SanitizeUtf8(item);
  }
  out.items = std::move(items);
  return out;
}

FormValue EncodeForm(const MessageInfo& info, const Message& message) {
  const Reflection& reflection = *message.GetReflection();
  if (info.form == k8s::JSON_STRING_LIST) {
    const FieldDescriptor* items = info.descriptor->FindFieldByNumber(kStringListItems);
    std::vector<std::string> values;
    if (items != nullptr && items->is_repeated()) {
      for (int i = 0; i < reflection.FieldSize(message, items); ++i) {
        values.push_back(reflection.GetRepeatedString(message, items, i));
      }
    }
    return StringListForm(std::move(values));
  }
  FormFields fields;
  std::array<std::string, 4> scratch;  // where GetStringReference may copy to
  for (size_t number = 1; number < info.form_fields.size(); ++number) {
    const FieldDescriptor* field = info.form_fields[number];
    if (field == nullptr) continue;
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
      fields.texts[number] = reflection.GetStringReference(message, field, &scratch[number]);
    } else {
      fields.ints[number] = GetIntField(message, reflection, field);
    }
  }
  return EncodeForm(info.form, fields);
}

bool ReadFormFields(std::string_view bytes, const MessageInfo& info, FormFields& out) {
  // Absent fields read as their defaults, as through reflection.
  for (size_t number = 1; number < info.form_fields.size(); ++number) {
    const FieldDescriptor* field = info.form_fields[number];
    if (field == nullptr) continue;
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
      out.texts[number] = field->default_value_string();
    } else {
      out.ints[number] = IntDefault(field);
    }
  }
  std::array<bool, 4> seen{};  // the first record of a field is its own
  WireReader reader(bytes);
  WireRecord record;
  while (reader.Next(record)) {
    const size_t number = static_cast<size_t>(record.number);
    if (number >= info.form_fields.size() || info.form_fields[number] == nullptr) continue;
    const FieldInfo& field = info.fields[info.FieldIndexOf(record.number)];
    if (record.wire_type != field.wire_type || seen[number]) continue;
    seen[number] = true;
    if (field.cpp_type == FieldDescriptor::CPPTYPE_STRING) {
      out.texts[number] = record.bytes;
    } else {
      out.ints[number] = IntOf(field, record.value);
    }
  }
  return !reader.failed();
}

absl::Status DecodeForm(k8s::JsonForm form, const rapidjson::Value& value, Message& message) {
  switch (form) {
    case k8s::JSON_INT_OR_STRING:
      if (value.IsString()) {
        SetIntField(message, kIntOrStringType, 1);
        SetStringField(message, kIntOrStringString,
                       std::string(value.GetString(), value.GetStringLength()));
        return absl::OkStatus();
      }
      if (value.IsNumber()) {
        absl::StatusOr<int64_t> number = JsonToInt(value, std::numeric_limits<int32_t>::min(),
                                                   std::numeric_limits<int32_t>::max());
        if (!number.ok()) return number.status();
        SetIntField(message, kIntOrStringInt, *number);
        return absl::OkStatus();
      }
      return WrongType("integer or string", value);
    case k8s::JSON_QUANTITY: {
      // Upstream parses strings and numbers alike and keeps the canonical form
      // ("1000m" -> "1", 0.5 -> "500m").
      std::string text;
      if (value.IsString()) {
        text = std::string(absl::StripAsciiWhitespace(
            absl::string_view(value.GetString(), value.GetStringLength())));
      } else if (value.IsNumber()) {
        text = NumberText(value);
      } else {
        return WrongType("quantity string or number", value);
      }
      absl::StatusOr<resource::Quantity> quantity = resource::Quantity::Parse(text);
      if (!quantity.ok()) {
        return absl::InvalidArgumentError(
            absl::StrCat("invalid quantity \"", text, "\": ", quantity.status().message()));
      }
      text = quantity->ToString();
      SetStringField(message, kQuantityString, std::move(text));
      return absl::OkStatus();
    }
    case k8s::JSON_TIME:
    case k8s::JSON_MICRO_TIME:
      return DecodeTime(value, message);
    case k8s::JSON_RAW:
      SetStringField(message, kRawBytes, WriteJson(value));
      return absl::OkStatus();
    case k8s::JSON_DURATION: {
      if (!value.IsString()) return WrongType("duration string", value);
      absl::StatusOr<int64_t> nanos =
          ParseGoDuration(std::string_view(value.GetString(), value.GetStringLength()));
      if (!nanos.ok()) return nanos.status();
      SetIntField(message, kDurationNanos, *nanos);
      return absl::OkStatus();
    }
    case k8s::JSON_STRING_LIST: {
      if (value.IsNull()) return absl::OkStatus();
      if (!value.IsArray()) return WrongType("array of strings", value);
      const FieldDescriptor* items = message.GetDescriptor()->FindFieldByNumber(kStringListItems);
      if (items == nullptr || !items->is_repeated()) {
        return absl::InternalError("a string list form needs a repeated field 1");
      }
      for (const rapidjson::Value& item : value.GetArray()) {
        if (!item.IsString()) return WrongType("string", item);
        message.GetReflection()->AddString(&message, items,
                                           std::string(item.GetString(), item.GetStringLength()));
      }
      return absl::OkStatus();
    }
    case k8s::JSON_OBJECT:
    default:
      return absl::InternalError("DecodeForm called for a plain object");
  }
}

}  // namespace kube::codec::internal
