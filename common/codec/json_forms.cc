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

namespace kube::codec::internal {
namespace {

using google::protobuf::Message;

// Upstream field numbers of the form messages.
constexpr int kIntOrStringType = 1, kIntOrStringInt = 2, kIntOrStringString = 3;
constexpr int kQuantityString = 1;
constexpr int kTimeSeconds = 1, kTimeNanos = 2;
constexpr int kRawBytes = 1;
constexpr int kDurationNanos = 1;

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

}  // namespace

bool IsZeroTime(const Message& message) {
  return GetIntField(message, kTimeSeconds) == 0 && GetIntField(message, kTimeNanos) == 0;
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
        set_string(FormatRfc3339(time, form == k8s::JSON_MICRO_TIME ? 6 : 0));
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
    case k8s::JSON_OBJECT:
    default:
      out.SetObject();
      return;
  }
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
    case k8s::JSON_OBJECT:
    default:
      return absl::InternalError("DecodeForm called for a plain object");
  }
}

}  // namespace kube::codec::internal
