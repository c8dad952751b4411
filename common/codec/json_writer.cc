#include "common/codec/json_writer.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>

#include "common/codec/json_text.h"
#include "common/codec/message_info.h"

namespace kube::codec::internal {
namespace {

// RapidJSON's Writer::WriteString table: the letter after the backslash, 'u' for
// \u00XX, 0 for bytes written as they are.
constexpr auto kEscape = [] {
  std::array<char, 256> table{};
  for (int c = 0; c < 0x20; ++c) table[c] = 'u';
  table['\b'] = 'b';
  table['\t'] = 't';
  table['\n'] = 'n';
  table['\f'] = 'f';
  table['\r'] = 'r';
  table['"'] = '"';
  table['\\'] = '\\';
  return table;
}();

constexpr char kHexDigits[] = "0123456789ABCDEF";

constexpr uint64_t kHighBits = 0x8080808080808080u;

// True if any of the eight bytes in `chunk` is escaped: below 0x20, '"' or '\\'.
bool NeedsEscape(uint64_t chunk) {
  constexpr uint64_t kOnes = 0x0101010101010101u;
  // Standard bit tricks: the high bit of each byte that is below n, or zero.
  auto below = [](uint64_t v, uint64_t n) { return (v - n * kOnes) & ~v & kHighBits; };
  const uint64_t control = below(chunk, 0x20);
  const uint64_t quote = below(chunk ^ ('"' * kOnes), 1);
  const uint64_t backslash = below(chunk ^ ('\\' * kOnes), 1);
  return (control | quote | backslash) != 0;
}

}  // namespace

void AppendJsonString(std::string& out, std::string_view text) {
  JsonWriter writer(out);
  writer.String(text);
}

JsonWriter::JsonWriter(std::string& out) : out_(out) {
  const size_t used = out_.size();
  out_.resize(std::max(out_.capacity(), used + 64));
  end_ = out_.data() + used;
  limit_ = out_.data() + out_.size();
}

JsonWriter::~JsonWriter() { out_.resize(end_ - out_.data()); }

void JsonWriter::Grow(size_t size) {
  const size_t used = end_ - out_.data();
  out_.resize(std::max(out_.size() * 2, used + size));
  out_.resize(out_.capacity());
  end_ = out_.data() + used;
  limit_ = out_.data() + out_.size();
}

static size_t PlainPrefix(std::string_view text, bool& high) {
  uint64_t seen = 0;  // high bits of the bytes passed
  size_t i = 0;
  for (uint64_t chunk; i + 8 <= text.size(); i += 8) {
    std::memcpy(&chunk, text.data() + i, 8);
    if (NeedsEscape(chunk)) break;
    seen |= chunk;
  }
  for (; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (kEscape[c] != 0) break;
    seen |= c;
  }
  high = (seen & kHighBits) != 0;
  return i;
}

bool JsonWriter::Quote(std::string_view text, bool check_utf8) {
  Reserve(text.size() + 2);
  const size_t start = end_ - out_.data();
  Put('"');
  bool high;
  const size_t plain = PlainPrefix(text, high);
  Put(text.substr(0, plain));
  for (size_t i = plain; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    high |= c >= 0x80;
    const char escape = kEscape[c];
    if (escape == 0) {
      Put(static_cast<char>(c));
      continue;
    }
    Reserve(6 + (text.size() - i - 1) + 1);  // this escape, the rest and the closing quote
    Put('\\');
    Put(escape);
    if (escape == 'u') {
      Put('0');
      Put('0');
      Put(kHexDigits[c >> 4]);
      Put(kHexDigits[c & 0xF]);
    }
  }
  Put('"');
  if (check_utf8 && high && !IsValidUtf8(text)) {
    end_ = out_.data() + start;
    return false;
  }
  return true;
}

void JsonWriter::FieldKey(const FieldInfo& field) {
  Reserve(field.json_key.size() + 1);
  Separate();
  Put(field.json_key);
  need_comma_ = false;
}

void JsonWriter::Key(std::string_view key) {
  Reserve(1);
  Separate();
  Quote(key, false);
  Reserve(1);
  Put(':');
  need_comma_ = false;
}

void JsonWriter::String(std::string_view text) {
  Reserve(1);
  Separate();
  Quote(text, false);
  need_comma_ = true;
}

void JsonWriter::Utf8String(std::string_view text) {
  Reserve(1);
  Separate();
  if (!Quote(text, true)) Quote(SanitizeUtf8(text), false);
  need_comma_ = true;
}

void JsonWriter::Int64(int64_t value) {
  Reserve(24);
  Separate();
  end_ = std::to_chars(end_, limit_, value).ptr;
  need_comma_ = true;
}

void JsonWriter::Uint64(uint64_t value) {
  Reserve(24);
  Separate();
  end_ = std::to_chars(end_, limit_, value).ptr;
  need_comma_ = true;
}

void JsonWriter::Double(double value) {
  Literal(FormatGoFloat(value));  // "null" if not finite
}

void JsonWriter::ParsedJson(std::string_view json) {
  rapidjson::Document parsed;
  if (!ParseJson(json, parsed).ok()) return Null();
  Literal(WriteJson(parsed));
}

void JsonWriter::ObjectMembers(std::string_view object) {
  // "{...}": what lies between the braces, if anything.
  if (object.size() < 2 || object.front() != '{' || object.back() != '}') return;
  const std::string_view members = object.substr(1, object.size() - 2);
  if (members.empty()) return;
  Reserve(members.size() + 1);
  Separate();
  Put(members);
  need_comma_ = true;
}

void DomWriter::FieldKey(const FieldInfo& field) { Key(field.field->json_name()); }

void DomWriter::Key(std::string_view key) {
  keys_.emplace_back(key.data(), static_cast<rapidjson::SizeType>(key.size()), allocator_);
}

void DomWriter::String(std::string_view text) {
  Put(rapidjson::Value(text.data(), static_cast<rapidjson::SizeType>(text.size()), allocator_));
}

void DomWriter::Utf8String(std::string_view text) {
  if (IsValidUtf8(text)) return String(text);
  String(SanitizeUtf8(text));
}

void DomWriter::Double(double value) {
  Put(std::isfinite(value) ? rapidjson::Value(value) : rapidjson::Value());
}

void DomWriter::ParsedJson(std::string_view json) {
  rapidjson::Document parsed(&allocator_);
  if (!ParseJson(json, parsed).ok()) return Null();
  rapidjson::Value value;
  value.Swap(parsed);
  Put(std::move(value));
}

void DomWriter::ObjectMembers(std::string_view object) {
  rapidjson::Document parsed(&allocator_);
  if (!ParseJson(object, parsed).ok() || !parsed.IsObject() || open_.empty() ||
      !open_.back().IsObject()) {
    return;
  }
  for (auto& member : parsed.GetObject()) {
    open_.back().AddMember(member.name, member.value, allocator_);
  }
}

void DomWriter::Put(rapidjson::Value&& value) {
  if (open_.empty()) {
    result_ = std::move(value);
  } else if (open_.back().IsObject()) {
    open_.back().AddMember(keys_.back(), value, allocator_);
    keys_.pop_back();
  } else {
    open_.back().PushBack(value, allocator_);
  }
}

void DomWriter::Close() {
  rapidjson::Value done = std::move(open_.back());
  open_.pop_back();
  Put(std::move(done));
}

}  // namespace kube::codec::internal
