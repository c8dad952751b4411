#include "apiserver/registry/core/resource_quota_strategy.h"

#include <algorithm>
#include <set>

#include "apiserver/registry/core/field_path.h"
#include "apiserver/registry/core/resource_validation.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver::core {
namespace {

using k8s::core::v1::ResourceQuota;
using k8s::core::v1::ResourceQuotaSpec;

const ResourceQuota& AsQuota(const google::protobuf::Message& object) {
  return static_cast<const ResourceQuota&>(object);
}

const std::vector<std::string> kScopes = {"Terminating", "NotTerminating", "BestEffort",
                                          "NotBestEffort", "PriorityClass",
                                          "CrossNamespacePodAffinity", "VolumeAttributesClass"};

bool IsScope(const std::string& scope) {
  return std::find(kScopes.begin(), kScopes.end(), scope) != kScopes.end();
}

void CheckConflicts(const std::set<std::string>& scopes, const std::string& path,
                    const std::string& value, api::FieldErrors& errors) {
  if ((scopes.contains("BestEffort") && scopes.contains("NotBestEffort")) ||
      (scopes.contains("Terminating") && scopes.contains("NotTerminating"))) {
    errors.push_back(InvalidRendered(path, value, "conflicting scopes"));
  }
}

std::string ScopesValue(const ResourceQuotaSpec& spec) {
  std::string value = GoStringSlice(spec.scopes());
  return value.replace(0, std::string("[]string").size(), "[]core.ResourceQuotaScope");
}

void ValidateSpec(const ResourceQuotaSpec& spec, api::FieldErrors& errors) {
  ValidateResourceList(spec.hard(), ResourceNameUse::kQuota, "spec.hard", errors);
  std::set<std::string> scopes;
  for (const std::string& scope : spec.scopes()) {
    if (!IsScope(scope)) errors.push_back(InvalidRendered("spec.scopes", ScopesValue(spec), "unsupported scope"));
    scopes.insert(scope);
  }
  CheckConflicts(scopes, "spec.scopes", ScopesValue(spec), errors);
  if (!spec.has_scopeselector()) return;
  const std::string path = "spec.scopeSelector.matchExpressions";
  std::set<std::string> selected;
  for (const auto& requirement : spec.scopeselector().matchexpressions()) {
    const std::string& scope = requirement.scopename();
    if (!IsScope(scope)) errors.push_back(api::Invalid(Child(path, "scopeName"), scope, "unsupported scope"));
    const std::string& op = requirement.operator_();
    if ((scope == "BestEffort" || scope == "NotBestEffort" || scope == "Terminating" ||
         scope == "NotTerminating" || scope == "CrossNamespacePodAffinity") && op != "Exists") {
      errors.push_back(api::Invalid(Child(path, "operator"), op,
                                    "must be 'Exists' when scope is any of ResourceQuotaScopeTerminating, "
                                    "ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, "
                                    "ResourceQuotaScopeNotBestEffort or "
                                    "ResourceQuotaScopeCrossNamespacePodAffinity"));
    }
    if (op == "In" || op == "NotIn") {
      if (requirement.values().empty()) {
        errors.push_back(api::Required(Child(path, "values"),
                                       "must be at least one value when `operator` is 'In' or 'NotIn' for scope selector"));
      }
    } else if (op == "Exists" || op == "DoesNotExist") {
      if (!requirement.values().empty()) {
        errors.push_back(InvalidRendered(Child(path, "values"), GoStringSlice(requirement.values()),
                                         "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector"));
      }
    } else {
      errors.push_back(api::Invalid(Child(path, "operator"), op, "not a valid selector operator"));
    }
    selected.insert(scope);
  }
  CheckConflicts(selected, path, ScopesValue(spec), errors);
}

}  // namespace

api::FieldErrors ResourceQuotaStrategy::Validate(const google::protobuf::Message& object) const {
  api::FieldErrors errors;
  ValidateSpec(AsQuota(object).spec(), errors);
  return errors;
}

api::FieldErrors ResourceQuotaStrategy::ValidateUpdate(const google::protobuf::Message& object,
                                                       const google::protobuf::Message& old) const {
  const auto& scopes = AsQuota(object).spec().scopes();
  const auto& old_scopes = AsQuota(old).spec().scopes();
  std::set<std::string> now(scopes.begin(), scopes.end());
  std::set<std::string> before(old_scopes.begin(), old_scopes.end());
  api::FieldErrors errors;
  if (now != before) {
    errors.push_back(InvalidRendered("spec.scopes", ScopesValue(AsQuota(object).spec()),
                                     std::string(kImmutableMessage)));
  }
  return errors;
}

api::FieldErrors ResourceQuotaStrategy::ValidateStatusUpdate(const google::protobuf::Message& object,
                                                             const google::protobuf::Message& old) const {
  const auto& status = AsQuota(object).status();
  api::FieldErrors errors;
  ValidateResourceList(status.hard(), ResourceNameUse::kQuota, "status.hard", errors);
  ValidateResourceList(status.used(), ResourceNameUse::kQuota, "status.used", errors);
  return errors;
}

}  // namespace kube::apiserver::core
