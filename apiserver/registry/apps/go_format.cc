#include "apiserver/registry/apps/go_format.h"

#include <algorithm>
#include <map>

#include "common/util/strings.h"

namespace kube::apiserver {

std::string GoStringMap(const google::protobuf::Map<std::string, std::string>& map) {
  if (map.empty()) return "map[string]string(nil)";
  std::map<std::string, std::string> sorted(map.begin(), map.end());
  std::string out = "map[string]string{";
  bool first = true;
  for (const auto& [key, value] : sorted) {
    if (!first) out += ", ";
    first = false;
    StrAppend(&out, api::QuoteValue(key), ":", api::QuoteValue(value));
  }
  return out + "}";
}

std::string GoLabelSelector(const k8s::meta::v1::LabelSelector* selector) {
  if (selector == nullptr) return "null";
  std::map<std::string, std::string> labels(selector->matchlabels().begin(),
                                            selector->matchlabels().end());
  std::string out = "&LabelSelector{MatchLabels:map[string]string{";
  for (const auto& [key, value] : labels) StrAppend(&out, key, ": ", value, ",");
  out += "},MatchExpressions:[]LabelSelectorRequirement{";
  for (const auto& requirement : selector->matchexpressions()) {
    StrAppend(&out, "LabelSelectorRequirement{Key:", requirement.key(),
              ",Operator:", requirement.operator_(), ",Values:[",
              StrJoin(requirement.values(), " "), "],},");
  }
  return out + "},}";
}

std::string GoIntOrString(const k8s::util::intstr::IntOrString& value) {
  return value.type() == 1 ? value.strval() : std::to_string(value.intval());
}

api::FieldError InvalidRendered(std::string field, std::string rendered, std::string detail) {
  return {api::FieldError::Type::kInvalid, std::move(field), std::move(rendered),
          std::move(detail)};
}

api::FieldError NotSupportedRendered(std::string field, std::string rendered,
                                     const std::vector<std::string>& supported) {
  api::FieldError error = api::NotSupported(std::move(field), "", supported);
  error.value = std::move(rendered);
  return error;
}

}  // namespace kube::apiserver
