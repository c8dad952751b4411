#include "apiserver/registry/core/limit_range_strategy.h"

#include <map>
#include <set>

#include "apiserver/registry/core/field_path.h"
#include "apiserver/registry/core/resource_validation.h"
#include "common/util/strings.h"
#include "common/validation/names.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver::core {
namespace {

using k8s::core::v1::LimitRangeItem;
using Values = std::map<std::string, resource::Quantity>;

// Validates each entry's name and value; returns the values that parse.
Values Collect(const ResourceList& list, const std::string& type, const std::string& path,
               api::FieldErrors& errors) {
  Values values;
  std::map<std::string, const k8s::resource::Quantity*> sorted;
  for (const auto& [name, quantity] : list) sorted.emplace(name, &quantity);
  for (const auto& [name, quantity] : sorted) {
    const std::string field = Key(path, name);
    ValidateResourceName(name, type == "Pod" || type == "Container" ? ResourceNameUse::kContainer
                                                                     : ResourceNameUse::kAny,
                         field, errors);
    if (std::optional<resource::Quantity> value = ParseQuantityField(*quantity, field, errors)) {
      values.emplace(name, *value);
    }
  }
  return values;
}

void ValidateType(const std::string& type, const std::string& path, api::FieldErrors& errors) {
  std::vector<std::string> messages = validation::IsQualifiedName(type);
  for (const std::string& message : messages) errors.push_back(api::Invalid(path, type, message));
  if (messages.empty() && type.find('/') == std::string::npos && type != "Pod" &&
      type != "Container" && type != "PersistentVolumeClaim") {
    errors.push_back(api::Invalid(path, type, "must be a standard limit type or fully qualified"));
  }
}

void ValidateItem(const LimitRangeItem& item, const std::string& path, api::FieldErrors& errors) {
  const std::string& type = item.type();
  Values max = Collect(item.max(), type, Child(path, "max"), errors);
  Values min = Collect(item.min(), type, Child(path, "min"), errors);
  Values defaults, default_requests;
  if (type == "Pod") {
    if (!item.default_().empty()) {
      errors.push_back(api::Forbidden(Child(path, "default"), "may not be specified when `type` is 'Pod'"));
    }
    if (!item.defaultrequest().empty()) {
      errors.push_back(api::Forbidden(Child(path, "defaultRequest"), "may not be specified when `type` is 'Pod'"));
    }
  } else {
    defaults = Collect(item.default_(), type, Child(path, "default"), errors);
    default_requests = Collect(item.defaultrequest(), type, Child(path, "defaultRequest"), errors);
  }
  if (type == "PersistentVolumeClaim" && !item.min().contains("storage") && !item.max().contains("storage")) {
    errors.push_back(api::Required(Child(path, "limits"),
                                   "either minimum or maximum storage value is required, but neither was provided"));
  }
  Values ratios = Collect(item.maxlimitrequestratio(), type, Child(path, "maxLimitRequestRatio"), errors);

  std::set<std::string> keys;
  for (const Values* values : {&max, &min, &defaults, &default_requests, &ratios}) {
    for (const auto& [name, value] : *values) keys.insert(name);
  }
  auto find = [](const Values& values, const std::string& key) -> const resource::Quantity* {
    auto it = values.find(key);
    return it == values.end() ? nullptr : &it->second;
  };
  for (const std::string& key : keys) {
    const resource::Quantity* lo = find(min, key);
    const resource::Quantity* hi = find(max, key);
    const resource::Quantity* def = find(defaults, key);
    const resource::Quantity* req = find(default_requests, key);
    const resource::Quantity* ratio = find(ratios, key);
    auto invalid = [&](const std::string& field, const resource::Quantity& value, std::string detail) {
      errors.push_back(api::Invalid(Key(Child(path, field), key), value.ToString(), std::move(detail)));
    };
    if (lo && hi && lo->Cmp(*hi) > 0) {
      invalid("min", *lo, StrCat("min value ", lo->ToString(), " is greater than max value ", hi->ToString()));
    }
    if (req && lo && lo->Cmp(*req) > 0) {
      invalid("defaultRequest", *req, StrCat("min value ", lo->ToString(),
                                             " is greater than default request value ", req->ToString()));
    }
    if (req && hi && req->Cmp(*hi) > 0) {
      invalid("defaultRequest", *req, StrCat("default request value ", req->ToString(),
                                             " is greater than max value ", hi->ToString()));
    }
    if (req && def && req->Cmp(*def) > 0) {
      invalid("defaultRequest", *req, StrCat("default request value ", req->ToString(),
                                             " is greater than default limit value ", def->ToString()));
    }
    if (def && lo && lo->Cmp(*def) > 0) {
      invalid("default", *lo, StrCat("min value ", lo->ToString(), " is greater than default value ", def->ToString()));
    }
    if (def && hi && def->Cmp(*hi) > 0) {
      invalid("default", *hi, StrCat("default value ", def->ToString(), " is greater than max value ", hi->ToString()));
    }
    if (ratio && ratio->Cmp(resource::Quantity::FromInt64(1, resource::Format::kDecimalSI)) < 0) {
      invalid("maxLimitRequestRatio", *ratio, StrCat("ratio ", ratio->ToString(), " is less than 1"));
    }
  }
}

void DefaultItem(LimitRangeItem& item) {
  if (item.type() != "Container") return;
  for (const auto& [name, value] : item.max()) {
    if (!item.default_().contains(name)) (*item.mutable_default_())[name] = value;
  }
  for (const auto& [name, value] : item.default_()) {
    if (!item.defaultrequest().contains(name)) (*item.mutable_defaultrequest())[name] = value;
  }
  for (const auto& [name, value] : item.min()) {
    if (!item.defaultrequest().contains(name)) (*item.mutable_defaultrequest())[name] = value;
  }
}

}  // namespace

void LimitRangeStrategy::Default(google::protobuf::Message& object) const {
  auto& limit_range = static_cast<k8s::core::v1::LimitRange&>(object);
  for (auto& item : *limit_range.mutable_spec()->mutable_limits()) DefaultItem(item);
}

api::FieldErrors LimitRangeStrategy::Validate(const google::protobuf::Message& object) const {
  const auto& limit_range = static_cast<const k8s::core::v1::LimitRange&>(object);
  api::FieldErrors errors;
  std::set<std::string> types;
  for (int i = 0; i < limit_range.spec().limits_size(); ++i) {
    const LimitRangeItem& item = limit_range.spec().limits(i);
    const std::string path = Index("spec.limits", i);
    ValidateType(item.type(), Child(path, "type"), errors);
    if (!types.insert(item.type()).second) errors.push_back(api::Duplicate(Child(path, "type"), item.type()));
    ValidateItem(item, path, errors);
  }
  return errors;
}

}  // namespace kube::apiserver::core
