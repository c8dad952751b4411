#include "apiserver/registry/apps/label_selector_validation.h"

#include "apiserver/validation/object_meta_validation.h"
#include "common/selectors/label_selector_proto.h"
#include "common/util/strings.h"
#include "common/validation/names.h"

namespace kube::apiserver {

api::FieldErrors ValidateLabelSelector(const k8s::meta::v1::LabelSelector& selector,
                                       const std::string& field) {
  api::FieldErrors errors = ValidateLabels(selector.matchlabels(), field + ".matchLabels");
  for (int i = 0; i < selector.matchexpressions_size(); ++i) {
    const auto& requirement = selector.matchexpressions(i);
    const std::string path = StrCat(field, ".matchExpressions[", i, "]");
    const std::string& op = requirement.operator_();
    if (op == "In" || op == "NotIn") {
      if (requirement.values().empty()) {
        errors.push_back(api::Required(path + ".values",
                                       "must be specified when `operator` is 'In' or 'NotIn'"));
      }
    } else if (op == "Exists" || op == "DoesNotExist") {
      if (!requirement.values().empty()) {
        errors.push_back(api::Forbidden(
            path + ".values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      }
    } else {
      errors.push_back(api::Invalid(path + ".operator", op, "not a valid selector operator"));
    }
    for (const std::string& message : validation::IsQualifiedName(requirement.key())) {
      errors.push_back(api::Invalid(path + ".key", requirement.key(), message));
    }
    for (int j = 0; j < requirement.values_size(); ++j) {
      for (const std::string& message : validation::IsValidLabelValue(requirement.values(j))) {
        errors.push_back(
            api::Invalid(StrCat(path, ".values[", j, "]"), requirement.values(j), message));
      }
    }
  }
  return errors;
}

bool SelectorMatches(const k8s::meta::v1::LabelSelector* selector,
                     const google::protobuf::Map<std::string, std::string>& labels) {
  auto parsed = selectors::LabelSelectorFromProto(selector);
  return parsed.ok() && parsed->Matches(labels);
}

bool SelectorConverts(const k8s::meta::v1::LabelSelector* selector) {
  return selectors::LabelSelectorFromProto(selector).ok();
}

}  // namespace kube::apiserver
