#pragma once

// The JSON forms of options.proto's JsonForm (IntOrString, Quantity, Time, MicroTime,
// RawExtension, Duration, string lists): how each message is written as a single JSON value and read
// back. Internal to the codec; the messages are accessed by upstream field number.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "common/codec/message_info.h"
#include "google/protobuf/message.h"
#include "k8s/options.pb.h"
#include "rapidjson/document.h"

namespace kube::codec::internal {

// The JSON value of a form message, for either of the encoder's writers.
struct FormValue {
  enum class Kind {
    kNull,
    kInt,     // `number`
    kString,  // `text`, valid UTF-8
    kJson,    // `text` is JSON to embed; null if it does not parse
    kStrings,  // `items`, an array of strings
  };
  Kind kind = Kind::kNull;
  int64_t number = 0;
  std::string text;
  std::vector<std::string> items;
};

// What the forms read of a form message: its singular fields numbered 1 to 3, integer
// fields as integers and string fields as text (absent ones hold their defaults;
// others read as 0 and "").
struct FormFields {
  std::array<int64_t, 4> ints{};
  std::array<std::string_view, 4> texts{};
};

// The value of a message of a form other than JSON_OBJECT, from its fields.
FormValue EncodeForm(k8s::JsonForm form, const FormFields& fields);

// A JSON_STRING_LIST value from its items (as read from the wire or by reflection).
FormValue StringListForm(std::vector<std::string> items);

// The same for `message`, whose table is `info`.
FormValue EncodeForm(const MessageInfo& info, const google::protobuf::Message& message);

// Reads the fields of a form message of the type of `info` from its wire form (as
// SerializeToString writes it). False if the bytes are malformed.
bool ReadFormFields(std::string_view bytes, const MessageInfo& info, FormFields& out);

// Reads a non-null `value` into the cleared `message`. Errors name no field path.
absl::Status DecodeForm(k8s::JsonForm form, const rapidjson::Value& value,
                        google::protobuf::Message& message);

// True for a Time/MicroTime message whose seconds and nanos are both zero.
bool IsZeroTime(const MessageInfo& info, const google::protobuf::Message& message);

}  // namespace kube::codec::internal
