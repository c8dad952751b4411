#include "apiserver/registry/core/field_path.h"

#include <algorithm>
#include <vector>

#include "common/util/strings.h"

namespace kube::apiserver::core {

std::string Child(std::string_view path, std::string_view name) {
  if (path.empty()) return std::string(name);
  return StrCat(path, ".", name);
}

std::string Index(std::string_view path, int index) { return StrCat(path, "[", index, "]"); }

std::string Key(std::string_view path, std::string_view key) { return StrCat(path, "[", key, "]"); }

std::string GoStringMap(const google::protobuf::Map<std::string, std::string>& map) {
  if (map.empty()) return "map[string]string(nil)";
  std::vector<std::pair<std::string, std::string>> entries(map.begin(), map.end());
  std::sort(entries.begin(), entries.end());
  std::string out = "map[string]string{";
  for (size_t i = 0; i < entries.size(); ++i) {
    if (i > 0) out += ", ";
    StrAppend(&out, api::QuoteValue(entries[i].first), ":", api::QuoteValue(entries[i].second));
  }
  return out + "}";
}

std::string GoStringSlice(const google::protobuf::RepeatedPtrField<std::string>& items) {
  if (items.empty()) return "[]string(nil)";
  std::string out = "[]string{";
  for (int i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    out += api::QuoteValue(items.Get(i));
  }
  return out + "}";
}

api::FieldError InvalidRendered(std::string field, std::string rendered_value, std::string detail) {
  return {api::FieldError::Type::kInvalid, std::move(field), std::move(rendered_value),
          std::move(detail)};
}

api::FieldError NotSupportedRendered(std::string field, std::string rendered_value,
                                     const std::vector<std::string>& supported) {
  api::FieldError error = api::NotSupported(std::move(field), "", supported);
  error.value = std::move(rendered_value);
  return error;
}

void CheckNonnegative(int64_t value, const std::string& field, api::FieldErrors& errors) {
  if (value < 0) errors.push_back(api::InvalidNumber(field, value, std::string(kNegativeMessage)));
}

}  // namespace kube::apiserver::core
