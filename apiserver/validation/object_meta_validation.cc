#include "apiserver/validation/object_meta_validation.h"

#include "common/util/strings.h"
#include "common/validation/names.h"

namespace kube::apiserver {
namespace {

constexpr size_t kTotalAnnotationSizeLimit = 256 * 1024;

}  // namespace

std::vector<std::string> ValidateName(std::string_view name, NameRule rule) {
  switch (rule) {
    case NameRule::kDnsSubdomain: return validation::IsDns1123Subdomain(name);
    case NameRule::kDnsLabel: return validation::IsDns1123Label(name);
    case NameRule::kDns1035Label: return validation::IsDns1035Label(name);
    case NameRule::kPathSegment: return validation::IsValidPathSegmentName(name);
  }
  return {};
}

api::FieldErrors ValidateLabels(const google::protobuf::Map<std::string, std::string>& labels,
                                const std::string& field) {
  api::FieldErrors errors;
  for (const auto& [key, value] : labels) {
    for (const std::string& message : validation::IsQualifiedName(key)) {
      errors.push_back(api::Invalid(field, key, message));
    }
    for (const std::string& message : validation::IsValidLabelValue(value)) {
      errors.push_back(api::Invalid(field, value, message));
    }
  }
  return errors;
}

api::FieldErrors ValidateObjectMeta(const k8s::meta::v1::ObjectMeta& meta, bool namespaced,
                                    NameRule rule) {
  api::FieldErrors errors;
  if (meta.name().empty()) {
    if (meta.generatename().empty()) {
      errors.push_back(api::Required("metadata.name", "name or generateName is required"));
    }
  } else {
    for (const std::string& message : ValidateName(meta.name(), rule)) {
      errors.push_back(api::Invalid("metadata.name", meta.name(), message));
    }
  }
  if (namespaced) {
    if (meta.namespace_().empty()) {
      errors.push_back(api::Required("metadata.namespace"));
    } else {
      for (const std::string& message : validation::IsDns1123Label(meta.namespace_())) {
        errors.push_back(api::Invalid("metadata.namespace", meta.namespace_(), message));
      }
    }
  } else if (!meta.namespace_().empty()) {
    errors.push_back(api::Forbidden("metadata.namespace", "not allowed on this type"));
  }
  api::FieldErrors label_errors = ValidateLabels(meta.labels(), "metadata.labels");
  errors.insert(errors.end(), label_errors.begin(), label_errors.end());

  size_t annotation_size = 0;
  for (const auto& [key, value] : meta.annotations()) {
    annotation_size += key.size() + value.size();
    for (const std::string& message : validation::IsQualifiedName(key)) {
      errors.push_back(api::Invalid("metadata.annotations", key, message));
    }
  }
  if (annotation_size > kTotalAnnotationSizeLimit) {
    errors.push_back(api::TooLong("metadata.annotations", "", kTotalAnnotationSizeLimit));
  }

  int controllers = 0;
  for (int i = 0; i < meta.ownerreferences_size(); ++i) {
    const auto& owner = meta.ownerreferences(i);
    std::string field = StrCat("metadata.ownerReferences[", i, "]");
    if (owner.apiversion().empty()) errors.push_back(api::Invalid(field + ".apiVersion", "", "version must not be empty"));
    if (owner.kind().empty()) errors.push_back(api::Invalid(field + ".kind", "", "kind must not be empty"));
    if (owner.name().empty()) errors.push_back(api::Invalid(field + ".name", "", "name must not be empty"));
    if (owner.uid().empty()) errors.push_back(api::Invalid(field + ".uid", "", "uid must not be empty"));
    if (owner.controller()) ++controllers;
  }
  if (controllers > 1) {
    errors.push_back(api::Invalid("metadata.ownerReferences", "",
                                  "Only one reference can have Controller set to true"));
  }
  for (int i = 0; i < meta.finalizers_size(); ++i) {
    for (const std::string& message : validation::IsQualifiedName(meta.finalizers(i))) {
      errors.push_back(api::Invalid(StrCat("metadata.finalizers[", i, "]"),
                                    meta.finalizers(i), message));
    }
  }
  return errors;
}

api::FieldErrors ValidateObjectMetaUpdate(const k8s::meta::v1::ObjectMeta& meta,
                                          const k8s::meta::v1::ObjectMeta& old, bool namespaced,
                                          NameRule rule) {
  api::FieldErrors errors = ValidateObjectMeta(meta, namespaced, rule);
  if (meta.name() != old.name()) {
    errors.push_back(api::Invalid("metadata.name", meta.name(), "field is immutable"));
  }
  if (meta.namespace_() != old.namespace_()) {
    errors.push_back(api::Invalid("metadata.namespace", meta.namespace_(), "field is immutable"));
  }
  return errors;
}

}  // namespace kube::apiserver
