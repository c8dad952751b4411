#pragma once

// Helpers for the JSONPath tests: documents from JSON text, templates run to text.

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "common/codec/json_text.h"
#include "common/jsonpath/parser.h"
#include "common/jsonpath/print.h"
#include "rapidjson/document.h"

namespace kube::jsonpath::testing {

inline rapidjson::Document Json(std::string_view text) {
  rapidjson::Document doc;
  absl::Status status = codec::ParseJson(text, doc);
  if (!status.ok()) throw std::runtime_error(std::string(status.message()));
  return doc;
}

// The template's output, or "error: <message>" for a parse or evaluation error.
inline std::string Run(std::string_view text, const rapidjson::Value& data,
                       bool allow_missing_keys = false) {
  absl::StatusOr<Template> parsed = Parse(text);
  if (!parsed.ok()) return "error: " + std::string(parsed.status().message());
  absl::StatusOr<std::string> out = Execute(*parsed, data, {allow_missing_keys});
  if (!out.ok()) return "error: " + std::string(out.status().message());
  return *out;
}

}  // namespace kube::jsonpath::testing
