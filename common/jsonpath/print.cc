#include "common/jsonpath/print.h"

#include "absl/strings/str_cat.h"
#include "common/jsonpath/go_format.h"

namespace kube::jsonpath {

std::string ValueText(const rapidjson::Value& value) {
  if (value.IsObject() || value.IsArray()) return GoJsonMarshal(value);
  if (value.IsNull()) return "null";
  return GoValueText(value);
}

std::string PrintResults(const Values& values) {
  std::string out;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ' ';
    out += ValueText(*values[i]);
  }
  return out;
}

absl::StatusOr<std::string> Execute(const Template& parsed, const rapidjson::Value& data,
                                    EvaluateOptions options) {
  absl::StatusOr<std::vector<Values>> results = FindResults(parsed, data, options);
  if (!results.ok()) return results.status();
  std::string out;
  for (const Values& values : *results) out += PrintResults(values);
  return out;
}

}  // namespace kube::jsonpath
