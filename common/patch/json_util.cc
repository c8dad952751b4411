#include "common/patch/json_util.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "common/codec/json_text.h"

namespace kube::patch::internal {

std::string_view View(const rapidjson::Value& string) {
  return std::string_view(string.GetString(), string.GetStringLength());
}

rapidjson::Value MakeString(std::string_view text, Allocator& allocator) {
  return rapidjson::Value(text.data(), static_cast<rapidjson::SizeType>(text.size()), allocator);
}

const rapidjson::Value* FindMember(const rapidjson::Value& object, std::string_view key) {
  for (const auto& member : object.GetObject()) {
    if (View(member.name) == key) return &member.value;
  }
  return nullptr;
}

rapidjson::Value* FindMember(rapidjson::Value& object, std::string_view key) {
  for (auto& member : object.GetObject()) {
    if (View(member.name) == key) return &member.value;
  }
  return nullptr;
}

void SetMember(rapidjson::Value& object, std::string_view key, rapidjson::Value&& value,
               Allocator& allocator) {
  if (rapidjson::Value* existing = FindMember(object, key)) {
    *existing = std::move(value);
    return;
  }
  object.AddMember(MakeString(key, allocator), value, allocator);
}

bool RemoveMember(rapidjson::Value& object, std::string_view key) {
  bool removed = false;
  for (auto it = object.MemberBegin(); it != object.MemberEnd();) {
    if (View(it->name) == key) {
      it = object.EraseMember(it);
      removed = true;
    } else {
      ++it;
    }
  }
  return removed;
}

rapidjson::Value Copy(const rapidjson::Value& value, Allocator& allocator) {
  // RapidJSON's copy constructor shares const strings; a patch may hold some that
  // point into a buffer the caller frees, so every string is copied here.
  switch (value.GetType()) {
    case rapidjson::kStringType:
      return MakeString(View(value), allocator);
    case rapidjson::kArrayType: {
      rapidjson::Value out(rapidjson::kArrayType);
      out.Reserve(value.Size(), allocator);
      for (const auto& element : value.GetArray()) out.PushBack(Copy(element, allocator), allocator);
      return out;
    }
    case rapidjson::kObjectType: {
      rapidjson::Value out(rapidjson::kObjectType);
      for (const auto& member : value.GetObject()) {
        out.AddMember(MakeString(View(member.name), allocator), Copy(member.value, allocator),
                      allocator);
      }
      return out;
    }
    default: {
      rapidjson::Value out;
      out.CopyFrom(value, allocator);
      return out;
    }
  }
}

bool IsScalar(const rapidjson::Value& value) { return !value.IsObject() && !value.IsArray(); }

namespace {

void AppendGo(const rapidjson::Value& value, std::string& out) {
  switch (value.GetType()) {
    case rapidjson::kNullType:
      out += "<nil>";
      return;
    case rapidjson::kFalseType:
      out += "false";
      return;
    case rapidjson::kTrueType:
      out += "true";
      return;
    case rapidjson::kNumberType:
      out += codec::FormatGoFloat(value.GetDouble());
      return;
    case rapidjson::kStringType:
      out.append(View(value));
      return;
    case rapidjson::kArrayType: {
      out += '[';
      bool first = true;
      for (const auto& element : value.GetArray()) {
        if (!first) out += ' ';
        first = false;
        AppendGo(element, out);
      }
      out += ']';
      return;
    }
    case rapidjson::kObjectType: {
      // Go prints map keys sorted.
      std::vector<std::pair<std::string_view, const rapidjson::Value*>> members;
      for (const auto& member : value.GetObject()) members.emplace_back(View(member.name), &member.value);
      std::stable_sort(members.begin(), members.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      out += "map[";
      bool first = true;
      for (const auto& [key, member] : members) {
        if (!first) out += ' ';
        first = false;
        out.append(key);
        out += ':';
        AppendGo(*member, out);
      }
      out += ']';
      return;
    }
  }
}

}  // namespace

std::string GoFormat(const rapidjson::Value& value) {
  std::string out;
  AppendGo(value, out);
  return out;
}

std::string GoQuote(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += "\\x";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
  return out;
}

const char* GoKind(const rapidjson::Value& value) {
  switch (value.GetType()) {
    case rapidjson::kNullType:
      return "nil";
    case rapidjson::kFalseType:
    case rapidjson::kTrueType:
      return "bool";
    case rapidjson::kNumberType:
      return "float64";
    case rapidjson::kStringType:
      return "string";
    case rapidjson::kArrayType:
      return "slice";
    case rapidjson::kObjectType:
      return "map";
  }
  return "nil";
}

}  // namespace kube::patch::internal
