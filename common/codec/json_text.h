#pragma once

// JSON text in and out with RapidJSON: a parser that bounds nesting, a writer that
// formats numbers as Go's encoding/json does, and small helpers shared by the codec.

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "rapidjson/document.h"

namespace kube::codec {

// The deepest nesting of arrays and objects accepted from any input, JSON or YAML.
inline constexpr int kMaxNestingDepth = 100;

// Parses one JSON text (UTF-8, nothing after it) into `doc`. Malformed text or nesting
// deeper than kMaxNestingDepth is InvalidArgument. Parsing does not recurse.
absl::Status ParseJson(std::string_view json, rapidjson::Document& doc);

// Compact JSON with Go's number format (1, 0.5, 1e+21; never 1.0); non-finite doubles
// become null. Strings are written as they are (see SanitizeUtf8).
std::string WriteJson(const rapidjson::Value& value);

// Sorts the members of every object in `value` by key (byte order), as Go writes a
// map[string]interface{}; of repeated keys the last is kept. Nesting is bounded by
// what ParseJson accepts.
void SortKeys(rapidjson::Value& value);

// Deep equality of JSON values: numbers by value (1 equals 1.0), objects regardless
// of member order.
bool JsonEqual(const rapidjson::Value& a, const rapidjson::Value& b);

// False if arrays/objects nest deeper than max_depth (a scalar has depth 0).
bool WithinDepth(const rapidjson::Value& value, int max_depth);

// "null", "bool", "number", "string", "array" or "object", for error messages.
const char* JsonTypeName(const rapidjson::Value& value);

// Go's encoding/json text for a float: shortest round-trip digits, exponent form below
// 1e-6 and from 1e21 on. bits is 32 for float fields (shortest float32 digits) or 64.
std::string FormatGoFloat(double value, int bits = 64);

// `text` with each invalid UTF-8 sequence replaced by U+FFFD, as Go's encoder does.
std::string SanitizeUtf8(std::string_view text);
bool IsValidUtf8(std::string_view text);

}  // namespace kube::codec
