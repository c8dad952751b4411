#pragma once

// What the codec's two encoders share: encode_wire.h reads a message's serialized
// bytes (the fast path), encode_reflection.h reads it through reflection (for types
// the wire path does not take). Both write through json_writer.h. Internal.

#include <charconv>
#include <cmath>
#include <list>
#include <string>
#include <string_view>

#include "common/codec/base64.h"
#include "common/codec/json_forms.h"
#include "common/codec/json_text.h"
#include "common/codec/message_info.h"

namespace kube::codec::internal {

inline constexpr int kMaxInlineDepth = 8;  // matches annotations.cc; stops a cyclic schema
// Protobuf parsing stops at 100 levels; this only stops an always_emit field whose
// zero value contains itself (impossible in Go, possible in a schema).
inline constexpr int kMaxMessageDepth = 200;

// Whether a value is written with its field's key.
enum class KeyMode {
  kNone,        // a list element or map value
  kAlways,      // a set field that is written even when zero
  kUnlessZero,  // omitempty: a zero scalar is skipped, key and all
};

// A float's shortest decimal digits as a double, so that 0.1f is written "0.1" as Go
// does for float32 rather than "0.10000000149011612".
inline double FloatAsShortestDouble(float value) {
  if (!std::isfinite(value)) return value;
  char buffer[64];
  auto written = std::to_chars(buffer, buffer + sizeof buffer, value);
  double result = value;
  std::from_chars(buffer, written.ptr, result);
  return result;
}

template <typename Writer>
void WriteDouble(double value, Writer& out) {
  if (std::isfinite(value)) {
    out.Double(value);
  } else {
    out.Null();  // JSON has no NaN
  }
}

template <typename Writer>
void WriteFloat(float value, Writer& out) {
  if (std::isfinite(value)) {
    out.Double(FloatAsShortestDouble(value));
  } else {
    out.Null();
  }
}

// A string or bytes value of `field`: bytes in base64, strings as valid UTF-8.
template <typename Writer>
void WriteString(const FieldInfo& field, std::string_view value, Writer& out) {
  if (field.is_bytes) {
    out.String(Base64Encode(value));
  } else {
    out.Utf8String(value);
  }
}

template <typename Writer>
void WriteForm(const FormValue& value, Writer& out) {
  switch (value.kind) {
    case FormValue::Kind::kNull:
      return out.Null();
    case FormValue::Kind::kInt:
      return out.Int64(value.number);
    case FormValue::Kind::kString:
      return out.String(value.text);
    case FormValue::Kind::kJson:
      return out.ParsedJson(value.text);
    case FormValue::Kind::kStrings:
      out.StartArray();
      for (const std::string& item : value.items) out.String(item);
      return out.EndArray();
  }
}

// A map entry's key: `text` as written (valid UTF-8) and the key's own bytes.
struct MapKey {
  std::string_view text;
  std::string_view raw;
};

// Go sorts map keys by their text. Keys whose invalid UTF-8 was replaced can share a
// text; their own bytes order them.
inline bool operator<(const MapKey& a, const MapKey& b) {
  return a.text != b.text ? a.text < b.text : a.raw < b.raw;
}

// Texts made for map keys; a list, so that they never move.
using OwnedKeys = std::list<std::string>;

// The key of a string-keyed map entry: `raw` itself when it is valid UTF-8, else its
// sanitized copy kept in `owned`.
inline MapKey StringMapKey(std::string_view raw, OwnedKeys& owned) {
  if (IsValidUtf8(raw)) return {raw, raw};
  std::string_view text = owned.emplace_back(SanitizeUtf8(raw));
  return {text, raw};
}

// The key of an integer-keyed map entry, kept in `owned`.
template <typename Integer>
MapKey IntegerMapKey(Integer key, OwnedKeys& owned) {
  char buffer[24];
  auto written = std::to_chars(buffer, buffer + sizeof buffer, key);
  std::string_view text = owned.emplace_back(buffer, written.ptr);
  return {text, text};
}

}  // namespace kube::codec::internal
