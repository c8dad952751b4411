#include "apiserver/customresource/schema/list_type_validation.h"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

#include "apiserver/customresource/schema/go_text.h"
#include "apiserver/customresource/schema/json_compare.h"
#include "apiserver/customresource/schema/schema_node.h"
#include "common/util/strings.h"

namespace kube::apiserver::crd_schema {
namespace {

using rapidjson::Value;

// Indices of the second occurrence of each repeated key (a third is not reported
// again), as validateListSet returns them.
std::vector<size_t> SecondOccurrences(const std::vector<std::string>& keys) {
  std::unordered_map<std::string_view, int> seen;
  std::vector<size_t> repeated;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (++seen[keys[i]] == 2) repeated.push_back(i);
  }
  return repeated;
}

void AddDuplicate(std::string path, std::string value, api::FieldErrors* errors) {
  errors->push_back({api::FieldError::Type::kDuplicate, std::move(path), std::move(value), ""});
}

void WalkValue(const std::string& path, const Value& schema, const Value& value,
               api::FieldErrors* errors);

void WalkObject(const std::string& path, const Value& schema, const Value& object,
                api::FieldErrors* errors) {
  if (const Value* additional = GetAdditionalProperties(schema).schema) {
    for (const auto& member : object.GetObject()) {
      WalkValue(KeyPath(path, ToView(member.name)), *additional, member.value, errors);
    }
  }
  for (const auto& member : object.GetObject()) {
    if (const Value* property = PropertySchema(schema, ToView(member.name))) {
      WalkValue(ChildPath(path, ToView(member.name)), *property, member.value, errors);
    }
  }
}

void CheckListMap(const std::string& path, const Value& schema, const Value& list,
                  api::FieldErrors* errors) {
  for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
    if (!list[i].IsNull() && !list[i].IsObject()) {
      errors->push_back({api::FieldError::Type::kInvalid, IndexPath(path, i), GoErrorValue(list[i]),
                         "must be an object for an array of list-type map"});
      return;
    }
  }
  if (list.Size() <= 1) return;
  std::vector<std::string_view> key_fields;
  if (const Value* keys = ArrayKeyword(schema, "x-kubernetes-list-map-keys")) {
    for (const Value& key : keys->GetArray()) {
      if (key.IsString()) key_fields.push_back(ToView(key));
    }
  }
  // Each item's key: the map of its key fields present (a null item has none).
  std::vector<std::string> identities;
  std::vector<std::string> printed;
  for (const Value& item : list.GetArray()) {
    std::string identity;
    std::vector<std::string> entries;
    for (std::string_view field : key_fields) {
      const Value* key = item.IsObject() ? Keyword(item, field) : nullptr;
      if (key == nullptr) continue;
      StrAppend(&identity, api::QuoteValue(field), "=", SetKey(*key), ";");
      entries.push_back(StrCat(api::QuoteValue(field), ":", GoErrorValue(*key)));
    }
    // %#v of the key map: fields sorted by name.
    std::sort(entries.begin(), entries.end());
    identities.push_back(std::move(identity));
    printed.push_back(StrCat("map[string]interface {}{", StrJoin(entries, ", "), "}"));
  }
  for (size_t i : SecondOccurrences(identities)) {
    AddDuplicate(IndexPath(path, i), printed[i], errors);
  }
}

void WalkArray(const std::string& path, const Value& schema, const Value& list,
               api::FieldErrors* errors) {
  std::string_view list_type = StringKeyword(schema, "x-kubernetes-list-type");
  if (list_type == "set" && list.Size() > 1) {
    std::vector<std::string> keys;
    for (const Value& item : list.GetArray()) keys.push_back(SetKey(item));
    for (size_t i : SecondOccurrences(keys)) {
      AddDuplicate(IndexPath(path, i), GoErrorValue(list[i]), errors);
    }
  } else if (list_type == "map") {
    CheckListMap(path, schema, list, errors);
  }
  if (const Value* items = ItemsSchema(schema)) {
    for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
      WalkValue(IndexPath(path, i), *items, list[i], errors);
    }
  }
}

void WalkValue(const std::string& path, const Value& schema, const Value& value,
               api::FieldErrors* errors) {
  if (value.IsArray()) {
    WalkArray(path, schema, value, errors);
  } else if (value.IsObject()) {
    WalkObject(path, schema, value, errors);
  }
}

}  // namespace

api::FieldErrors ValidateListSetsAndMaps(const rapidjson::Value& schema,
                                         const rapidjson::Value& object) {
  api::FieldErrors errors;
  if (object.IsObject()) WalkObject("", schema, object, &errors);
  return errors;
}

}  // namespace kube::apiserver::crd_schema
