#pragma once

// Helpers for the patch tests: literal JSON in, values compared as JSON (not text).

#include <string>
#include <string_view>

#include "common/codec/json_text.h"
#include "common/patch/json_util.h"
#include "k8s/apps/v1/apps.pb.h"
#include "k8s/core/v1/core.pb.h"
#include "rapidjson/document.h"

namespace kube::patch::testing {

// The schemas the tests patch against.
inline const google::protobuf::Descriptor* const kDeployment =
    k8s::apps::v1::Deployment::descriptor();
inline const google::protobuf::Descriptor* const kPod = k8s::core::v1::Pod::descriptor();

inline rapidjson::Document Json(std::string_view text) {
  rapidjson::Document doc;
  absl::Status status = codec::ParseJson(text, doc);
  if (!status.ok()) {
    // A typo in a test's literal: fail loudly with the text.
    doc.SetString("unparsable test JSON", doc.GetAllocator());
  }
  return doc;
}

// Compact text of `value`, for failure messages.
inline std::string Text(const rapidjson::Value& value) { return codec::WriteJson(value); }

// True when `value` equals the JSON `expected` (member order ignored).
inline bool SameJson(const rapidjson::Value& value, std::string_view expected) {
  rapidjson::Document want = Json(expected);
  return internal::JsonEqual(value, want);
}

}  // namespace kube::patch::testing
