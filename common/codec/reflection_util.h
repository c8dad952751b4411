#pragma once

// Small reflection helpers shared by the encoder, the form codecs and ClearZeroValues.

#include <cstdint>
#include <string>

#include "google/protobuf/message.h"

namespace kube::codec::internal {

// True if a singular scalar field holds its type's zero value ("", 0, false, enum 0).
// Always false for message fields.
bool IsZeroScalar(const google::protobuf::Message& message,
                  const google::protobuf::FieldDescriptor* field);
// The same with the message's reflection at hand.
bool IsZeroScalar(const google::protobuf::Message& message,
                  const google::protobuf::Reflection& reflection,
                  const google::protobuf::FieldDescriptor* field);

// A singular integer or string field by number; absent, missing or mistyped reads as
// zero / "". Setters leave zero absent (the canonical form of a decoded message) and
// ignore a missing field.
int64_t GetIntField(const google::protobuf::Message& message, int number);
std::string GetStringField(const google::protobuf::Message& message, int number);
// The same for a field already looked up, with the message's reflection; null reads
// as zero.
int64_t GetIntField(const google::protobuf::Message& message,
                    const google::protobuf::Reflection& reflection,
                    const google::protobuf::FieldDescriptor* field);
void SetIntField(google::protobuf::Message& message, int number, int64_t value);
void SetStringField(google::protobuf::Message& message, int number, std::string value);

}  // namespace kube::codec::internal
