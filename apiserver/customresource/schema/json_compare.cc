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
