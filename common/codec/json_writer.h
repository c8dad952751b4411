#pragma once

// The encoder's two outputs behind one set of calls: JsonWriter appends compact JSON
// text, DomWriter builds a RapidJSON value. JsonWriter's text is byte for byte what
// WriteJson (json_text.h) writes for the value DomWriter builds from the same calls:
// RapidJSON's string escaping and Go's number format. Internal to the codec.
//
// Calls must nest as JSON does: inside an object every value follows a key.

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "rapidjson/document.h"

namespace kube::codec::internal {

struct FieldInfo;

// Appends `text` as a quoted JSON string, escaped as RapidJSON's Writer escapes it.
// `text` is written byte for byte otherwise (callers pass valid UTF-8).
void AppendJsonString(std::string& out, std::string_view text);

class JsonWriter {
 public:
  // Appends to `out`, which must outlive the writer; `out` holds the text once the
  // writer is destroyed (not before).
  explicit JsonWriter(std::string& out);
  ~JsonWriter();
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  void StartObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void StartArray() { Open('['); }
  void EndArray() { Close(']'); }
  void FieldKey(const FieldInfo& field);
  void Key(std::string_view key);

  void String(std::string_view text);  // valid UTF-8
  // Text that may not be valid UTF-8: each invalid sequence becomes U+FFFD, as in Go.
  void Utf8String(std::string_view text);
  void Int(int32_t value) { Int64(value); }
  void Uint(uint32_t value) { Uint64(value); }
  void Int64(int64_t value);
  void Uint64(uint64_t value);
  void Double(double value);  // Go's format; null if not finite
  void Bool(bool value) { Literal(value ? "true" : "false"); }
  void Null() { Literal("null"); }
  // JSON text written in compact form, or null if it does not parse.
  void ParsedJson(std::string_view json);
  // The members of `object`, a JSON object's text, written into the object being
  // written (nothing if it is not an object). Trusted text (a json_remainder the
  // decoder wrote) is copied without parsing.
  void ObjectMembers(std::string_view object);

 private:
  // Makes room for `size` more bytes at end_.
  void Reserve(size_t size) {
    if (static_cast<size_t>(limit_ - end_) < size) Grow(size);
  }
  void Grow(size_t size);
  void Put(char c) { *end_++ = c; }
  void Put(std::string_view text) {
    std::memcpy(end_, text.data(), text.size());
    end_ += text.size();
  }
  // Writes `text` quoted and escaped; returns false (writing nothing) if `check_utf8`
  // and the text is not valid UTF-8.
  bool Quote(std::string_view text, bool check_utf8);

  void Separate() {
    if (need_comma_) Put(',');
  }
  void Open(char bracket) {
    Reserve(2);
    Separate();
    Put(bracket);
    need_comma_ = false;
  }
  void Close(char bracket) {
    Reserve(1);
    Put(bracket);
    need_comma_ = true;
  }
  void Literal(std::string_view text) {
    Reserve(text.size() + 1);
    Separate();
    Put(text);
    need_comma_ = true;
  }

  // The text lives in out_'s bytes [0, end_); out_ is sized to its capacity while
  // writing (limit_ is its end) and trimmed when the writer is destroyed.
  std::string& out_;
  char* end_;
  char* limit_;
  // True after a value: the next key or array element needs a comma first.
  bool need_comma_ = false;
};

class DomWriter {
 public:
  // Strings are copied into `allocator`.
  explicit DomWriter(rapidjson::Document::AllocatorType& allocator) : allocator_(allocator) {}

  void StartObject() { open_.emplace_back(rapidjson::kObjectType); }
  void EndObject() { Close(); }
  void StartArray() { open_.emplace_back(rapidjson::kArrayType); }
  void EndArray() { Close(); }
  void FieldKey(const FieldInfo& field);
  void Key(std::string_view key);

  void String(std::string_view text);
  void Utf8String(std::string_view text);
  void Int(int32_t value) { Put(rapidjson::Value(value)); }
  void Uint(uint32_t value) { Put(rapidjson::Value(value)); }
  void Int64(int64_t value) { Put(rapidjson::Value(value)); }
  void Uint64(uint64_t value) { Put(rapidjson::Value(value)); }
  void Double(double value);  // null if not finite
  void Bool(bool value) { Put(rapidjson::Value(value)); }
  void Null() { Put(rapidjson::Value()); }
  void ParsedJson(std::string_view json);
  void ObjectMembers(std::string_view object);

  // The value written (the first top-level value), moved out.
  void TakeResult(rapidjson::Value& out) { out = std::move(result_); }

 private:
  void Put(rapidjson::Value&& value);
  void Close();

  rapidjson::Document::AllocatorType& allocator_;
  std::vector<rapidjson::Value> open_;  // objects and arrays being filled, innermost last
  std::vector<rapidjson::Value> keys_;  // keys waiting for their values, innermost last
  rapidjson::Value result_;
};

}  // namespace kube::codec::internal
