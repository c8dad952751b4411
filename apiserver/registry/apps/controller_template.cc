#include "apiserver/registry/apps/controller_template.h"

#include "apiserver/registry/apps/go_format.h"
#include "apiserver/registry/apps/label_selector_validation.h"
#include "common/util/strings.h"

namespace kube::apiserver {

void CheckControllerSelector(const k8s::meta::v1::LabelSelector* selector, bool required,
                             std::string_view kind_word, api::FieldErrors& errors) {
  if (selector == nullptr) {
    if (required) errors.push_back(api::Required("spec.selector"));
    return;
  }
  Append(errors, ValidateLabelSelector(*selector, "spec.selector"));
  if (SelectorIsEmpty(*selector)) {
    errors.push_back(InvalidRendered("spec.selector", GoLabelSelector(selector),
                                     StrCat("empty selector is invalid for ", kind_word)));
  }
}

void CheckSelectorMatchesTemplate(const k8s::meta::v1::LabelSelector* selector,
                                  const k8s::core::v1::PodTemplateSpec& template_spec,
                                  api::FieldErrors& errors) {
  if (!SelectorConverts(selector)) {
    errors.push_back(
        InvalidRendered("spec.selector", GoLabelSelector(selector), "invalid label selector"));
    return;
  }
  if (selector != nullptr && SelectorIsEmpty(*selector)) return;
  const auto& labels = template_spec.metadata().labels();
  if (!SelectorMatches(selector, labels)) {
    errors.push_back(InvalidRendered("spec.template.metadata.labels", GoStringMap(labels),
                                     "`selector` does not match template `labels`"));
  }
}

void CheckAlwaysRunningTemplate(const k8s::core::v1::PodTemplateSpec& template_spec,
                                const PodTemplateHooks& hooks, std::string_view kind,
                                api::FieldErrors& errors) {
  Append(errors, hooks.Validate(template_spec, "spec.template"));
  const auto& pod = template_spec.spec();
  if (pod.restartpolicy() != "Always") {
    errors.push_back(
        api::NotSupported("spec.template.spec.restartPolicy", pod.restartpolicy(), {"Always"}));
  }
  if (pod.has_activedeadlineseconds()) {
    errors.push_back(api::Forbidden("spec.template.spec.activeDeadlineSeconds",
                                    StrCat("activeDeadlineSeconds in ", kind, " is not Supported")));
  }
}

}  // namespace kube::apiserver
