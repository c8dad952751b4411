#pragma once

// The JSON forms of options.proto's JsonForm (IntOrString, Quantity, Time, MicroTime,
// RawExtension, Duration): how each message is written as a single JSON value and read
// back. Internal to the codec; the messages are accessed by upstream field number.

#include "absl/status/status.h"
#include "google/protobuf/message.h"
#include "k8s/options.pb.h"
#include "rapidjson/document.h"

namespace kube::codec::internal {

// Writes `message` (of a form other than JSON_OBJECT) into `out`.
void EncodeForm(k8s::JsonForm form, const google::protobuf::Message& message,
                rapidjson::Value& out, rapidjson::Document::AllocatorType& allocator);

// Reads a non-null `value` into the cleared `message`. Errors name no field path.
absl::Status DecodeForm(k8s::JsonForm form, const rapidjson::Value& value,
                        google::protobuf::Message& message);

// True for a Time/MicroTime message whose seconds and nanos are both zero.
bool IsZeroTime(const google::protobuf::Message& message);

}  // namespace kube::codec::internal
