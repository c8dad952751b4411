#include "apiserver/customresource/schema/json_compare.h"

#include <algorithm>
#include <vector>

#include "apiserver/customresource/schema/go_text.h"
#include "apiserver/customresource/schema/schema_node.h"
#include "common/codec/json_text.h"

namespace kube::apiserver::crd_schema {
namespace {

// json.Marshal's text: map keys sorted, numbers as encoding/json formats them.
void AppendMarshal(const rapidjson::Value& value, std::string* out) {
  if (value.IsObject()) {
    std::vector<const rapidjson::Value::Member*> members;
    for (const auto& member : value.GetObject()) members.push_back(&member);
    std::sort(members.begin(), members.end(),
              [](const auto* a, const auto* b) { return ToView(a->name) < ToView(b->name); });
    out->push_back('{');
    for (size_t i = 0; i < members.size(); ++i) {
      if (i > 0) out->push_back(',');
      out->append(codec::WriteJson(members[i]->name));
      out->push_back(':');
      AppendMarshal(members[i]->value, out);
    }
    out->push_back('}');
  } else if (value.IsArray()) {
    out->push_back('[');
    bool first = true;
    for (const auto& item : value.GetArray()) {
      if (!first) out->push_back(',');
      first = false;
      AppendMarshal(item, out);
    }
    out->push_back(']');
  } else {
    out->append(codec::WriteJson(value));
  }
}

}  // namespace

bool JsonEqual(const rapidjson::Value& a, const rapidjson::Value& b) {
  if (a.IsNumber() && b.IsNumber()) {
    if (a.IsInt64() && b.IsInt64()) return a.GetInt64() == b.GetInt64();
    return a.GetDouble() == b.GetDouble();
  }
  if (a.GetType() != b.GetType()) return false;
  switch (a.GetType()) {
    case rapidjson::kStringType:
      return ToView(a) == ToView(b);
    case rapidjson::kArrayType: {
      if (a.Size() != b.Size()) return false;
      for (rapidjson::SizeType i = 0; i < a.Size(); ++i) {
        if (!JsonEqual(a[i], b[i])) return false;
      }
      return true;
    }
    case rapidjson::kObjectType: {
      if (a.MemberCount() != b.MemberCount()) return false;
      for (const auto& member : a.GetObject()) {
        auto it = b.FindMember(member.name);
        if (it == b.MemberEnd() || !JsonEqual(member.value, it->value)) return false;
      }
      return true;
    }
    default:
      return true;  // null, true, false: equal types are equal values
  }
}

std::string SetKey(const rapidjson::Value& value) {
  std::string key;
  switch (value.GetType()) {
    case rapidjson::kObjectType:
    case rapidjson::kArrayType:
      key = "c";
      AppendMarshal(value, &key);
      return key;
    case rapidjson::kNumberType:
      return (IsGoInt(value) ? "i" : "f") + GoNumber(value);
    case rapidjson::kStringType:
      return "s" + std::string(ToView(value));
    default:
      return "v" + codec::WriteJson(value);  // null, true, false
  }
}

}  // namespace kube::apiserver::crd_schema
