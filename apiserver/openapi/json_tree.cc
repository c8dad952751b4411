#include "apiserver/openapi/json_tree.h"

#include <cstdio>

#include "common/codec/json_text.h"

namespace kube::apiserver::openapi {
namespace {

void QuoteTo(std::string_view text, std::string& out) {
  out.push_back('"');
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
          out += escaped;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
}

Json FromRapidJson(const rapidjson::Value& value) {
  if (value.IsNull()) return Json();
  if (value.IsBool()) return Json(value.GetBool());
  if (value.IsInt64()) return Json(value.GetInt64());
  if (value.IsNumber()) return Json(value.GetDouble());
  if (value.IsString()) return Json(std::string(value.GetString(), value.GetStringLength()));
  if (value.IsArray()) {
    Json array = Json::MakeArray();
    for (const rapidjson::Value& item : value.GetArray()) array.Append(FromRapidJson(item));
    return array;
  }
  Json object = Json::MakeObject();
  for (const auto& member : value.GetObject()) {
    object[std::string_view(member.name.GetString(), member.name.GetStringLength())] =
        FromRapidJson(member.value);
  }
  return object;
}

}  // namespace

absl::StatusOr<Json> Json::Parse(std::string_view text) {
  rapidjson::Document document;
  if (absl::Status status = kube::codec::ParseJson(text, document); !status.ok()) return status;
  // Nesting is bounded by ParseJson, so the recursion is too.
  return FromRapidJson(document);
}

Json& Json::operator[](std::string_view key) {
  if (is_null()) value_ = Object{};
  Object& object = members();
  auto it = object.find(key);
  if (it == object.end()) it = object.emplace(std::string(key), Json()).first;
  return it->second;
}

const Json* Json::Find(std::string_view key) const {
  if (!is_object()) return nullptr;
  auto it = members().find(key);
  return it == members().end() ? nullptr : &it->second;
}

void Json::Append(Json value) {
  if (is_null()) value_ = Array{};
  items().push_back(std::move(value));
}

std::string Json::Dump() const {
  std::string out;
  DumpTo(out);
  return out;
}

void Json::DumpTo(std::string& out) const {
  if (is_null()) {
    out += "null";
  } else if (is_bool()) {
    out += as_bool() ? "true" : "false";
  } else if (is_int()) {
    out += std::to_string(as_int());
  } else if (is_double()) {
    out += kube::codec::FormatGoFloat(as_double());
  } else if (is_string()) {
    QuoteTo(as_string(), out);
  } else if (is_array()) {
    out.push_back('[');
    bool first = true;
    for (const Json& item : items()) {
      if (!first) out.push_back(',');
      first = false;
      item.DumpTo(out);
    }
    out.push_back(']');
  } else {
    out.push_back('{');
    bool first = true;
    for (const auto& [key, value] : members()) {
      if (!first) out.push_back(',');
      first = false;
      QuoteTo(key, out);
      out.push_back(':');
      value.DumpTo(out);
    }
    out.push_back('}');
  }
}

}  // namespace kube::apiserver::openapi
