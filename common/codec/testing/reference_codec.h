#pragma once

// The codec as it was before its fast paths, for tests only (see reference_codec.cc).
// Same contracts as the functions of the same names in common/codec.

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "common/codec/json_encode.h"
#include "common/codec/rfc3339.h"
#include "google/protobuf/message.h"
#include "rapidjson/document.h"

namespace kube::codec::reference {

std::string EncodeJson(const google::protobuf::Message& message, const EncodeOptions& options = {});
void EncodeJsonValue(const google::protobuf::Message& message, rapidjson::Value& out,
                     rapidjson::Document::AllocatorType& allocator,
                     const EncodeOptions& options = {});
absl::Status DecodeJson(std::string_view json, google::protobuf::Message& message,
                        std::vector<std::string>* unknown = nullptr);
absl::Status DecodeJsonValue(const rapidjson::Value& value, google::protobuf::Message& message,
                             std::vector<std::string>* unknown = nullptr);
void ClearZeroValues(google::protobuf::Message& message);
std::string FormatRfc3339(UnixTime time, int fraction_digits = 0);
absl::Status ParseJson(std::string_view json, rapidjson::Document& doc);
bool IsValidUtf8(std::string_view text);

}  // namespace kube::codec::reference
