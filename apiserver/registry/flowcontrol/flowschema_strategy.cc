#include "apiserver/registry/flowcontrol/flowschema_strategy.h"

#include <set>

#include "absl/strings/match.h"
#include "apiserver/registry/core/field_path.h"
#include "apiserver/registry/flowcontrol/mandatory_configuration.h"
#include "apiserver/registry/flowcontrol/status_validation.h"
#include "common/util/strings.h"
#include "common/validation/names.h"
#include "k8s/flowcontrol/v1/flowcontrol.pb.h"

namespace kube::apiserver {
namespace {

using core::Child;
using core::Index;
using google::protobuf::RepeatedPtrField;
using k8s::flowcontrol::v1::FlowSchema;
using k8s::flowcontrol::v1::FlowSchemaSpec;
using k8s::flowcontrol::v1::NonResourcePolicyRule;
using k8s::flowcontrol::v1::PolicyRulesWithSubjects;
using k8s::flowcontrol::v1::ResourcePolicyRule;
using k8s::flowcontrol::v1::Subject;

constexpr int32_t kDefaultMatchingPrecedence = 1000;
constexpr int32_t kMaxMatchingPrecedence = 10000;

bool HasWildcard(const RepeatedPtrField<std::string>& values) {
  return std::find(values.begin(), values.end(), "*") != values.end();
}

void CheckVerbs(const RepeatedPtrField<std::string>& verbs, const std::string& path,
                api::FieldErrors& errors) {
  static const std::vector<std::string> kVerbs = {
      "create", "delete", "deletecollection", "get", "list", "patch", "proxy", "update", "watch"};
  if (verbs.empty()) {
    errors.push_back(api::Required(path, "verbs must contain at least one value"));
  } else if (HasWildcard(verbs)) {
    if (verbs.size() > 1) {
      errors.push_back(core::InvalidRendered(path, core::GoStringSlice(verbs),
                                             "if '*' is present, must not specify other verbs"));
    }
  } else {
    for (const std::string& verb : verbs) {
      if (std::find(kVerbs.begin(), kVerbs.end(), verb) == kVerbs.end()) {
        errors.push_back(core::NotSupportedRendered(path, core::GoStringSlice(verbs), kVerbs));
        break;
      }
    }
  }
}

// ValidateNonResourceURLPath.
void CheckNonResourceUrl(const std::string& url, const std::string& path,
                         api::FieldErrors& errors) {
  if (url.empty()) {
    errors.push_back(api::Invalid(path, url, "must not be empty"));
  } else if (url == "/") {
  } else if (url[0] != '/') {
    errors.push_back(api::Invalid(path, url, "must start with slash"));
  } else if (url.find(' ') != std::string::npos) {
    errors.push_back(api::Invalid(path, url, "must not contain white-space"));
  } else if (url.find("//") != std::string::npos) {
    errors.push_back(api::Invalid(path, url, "must not contain double slash"));
  } else if (const auto stars = std::count(url.begin(), url.end(), '*');
             stars > 1 || (stars == 1 && !absl::EndsWith(url, "/*"))) {
    errors.push_back(api::Invalid(path, url, "wildcard can only do suffix matching"));
  }
}

void ValidateResourceRule(const ResourcePolicyRule& rule, const std::string& path,
                          api::FieldErrors& errors) {
  CheckVerbs(rule.verbs(), Child(path, "verbs"), errors);
  const std::string groups = Child(path, "apiGroups");
  if (rule.apigroups().empty()) {
    errors.push_back(api::Required(groups, "resource rules must supply at least one api group"));
  } else if (rule.apigroups_size() > 1 && HasWildcard(rule.apigroups())) {
    errors.push_back(core::InvalidRendered(groups, core::GoStringSlice(rule.apigroups()),
                                           "if '*' is present, must not specify other api groups"));
  }
  const std::string resources = Child(path, "resources");
  if (rule.resources().empty()) {
    errors.push_back(api::Required(resources, "resource rules must supply at least one resource"));
  } else if (rule.resources_size() > 1 && HasWildcard(rule.resources())) {
    errors.push_back(core::InvalidRendered(resources, core::GoStringSlice(rule.resources()),
                                           "if '*' is present, must not specify other resources"));
  }
  const std::string namespaces = Child(path, "namespaces");
  if (rule.namespaces().empty() && !rule.clusterscope()) {
    errors.push_back(api::Required(
        namespaces,
        "resource rules that are not cluster scoped must supply at least one namespace"));
  } else if (HasWildcard(rule.namespaces())) {
    if (rule.namespaces_size() > 1) {
      errors.push_back(
          core::InvalidRendered(namespaces, core::GoStringSlice(rule.namespaces()),
                                "if '*' is present, must not specify other namespaces"));
    }
  } else {
    for (int i = 0; i < rule.namespaces_size(); ++i) {
      for (const std::string& message : validation::IsDns1123Label(rule.namespaces(i))) {
        errors.push_back(
            api::Invalid(Index(namespaces, i), rule.namespaces(i),
                         "each member of this list must be '*' or a DNS-1123 label; " + message));
      }
    }
  }
}

void ValidateNonResourceRule(const NonResourcePolicyRule& rule, const std::string& path,
                             api::FieldErrors& errors) {
  CheckVerbs(rule.verbs(), Child(path, "verbs"), errors);
  const std::string urls = Child(path, "nonResourceURLs");
  if (rule.nonresourceurls().empty()) {
    errors.push_back(api::Required(urls, "nonResourceURLs must contain at least one value"));
  } else if (HasWildcard(rule.nonresourceurls())) {
    if (rule.nonresourceurls_size() > 1) {
      errors.push_back(
          core::InvalidRendered(urls, core::GoStringSlice(rule.nonresourceurls()),
                                "if '*' is present, must not specify other non-resource URLs"));
    }
  } else {
    for (int i = 0; i < rule.nonresourceurls_size(); ++i) {
      CheckNonResourceUrl(rule.nonresourceurls(i), Index(urls, i), errors);
    }
  }
}

void ValidateSubject(const Subject& subject, const std::string& path, api::FieldErrors& errors) {
  const std::string& kind = subject.kind();
  auto forbid = [&](bool present, const char* field, const char* detail) {
    if (present) errors.push_back(api::Forbidden(Child(path, field), detail));
  };
  constexpr char kUserOnly[] = "user is forbidden when subject kind is not 'User'";
  constexpr char kGroupOnly[] = "group is forbidden when subject kind is not 'Group'";
  constexpr char kAccountOnly[] =
      "serviceAccount is forbidden when subject kind is not 'ServiceAccount'";
  if (kind == "ServiceAccount") {
    const std::string at = Child(path, "serviceAccount");
    if (!subject.has_serviceaccount()) {
      errors.push_back(
          api::Required(at, "serviceAccount is required when subject kind is 'ServiceAccount'"));
    } else {
      const auto& account = subject.serviceaccount();
      if (account.name().empty()) {
        errors.push_back(api::Required(Child(at, "name")));
      } else if (account.name() != "*") {
        for (const std::string& message : validation::IsDns1123Subdomain(account.name())) {
          errors.push_back(api::Invalid(Child(at, "name"), account.name(), message));
        }
      }
      if (account.namespace_().empty()) {
        errors.push_back(
            api::Required(Child(at, "namespace"), "must specify namespace for service account"));
      } else {
        for (const std::string& message : validation::IsDns1123Label(account.namespace_())) {
          errors.push_back(api::Invalid(Child(at, "namespace"), account.namespace_(), message));
        }
      }
    }
    forbid(subject.has_user(), "user", kUserOnly);
    forbid(subject.has_group(), "group", kGroupOnly);
  } else if (kind == "User") {
    if (!subject.has_user()) {
      errors.push_back(
          api::Required(Child(path, "user"), "user is required when subject kind is 'User'"));
    } else if (subject.user().name().empty()) {
      errors.push_back(api::Required(Child(Child(path, "user"), "name")));
    }
    forbid(subject.has_serviceaccount(), "serviceAccount", kAccountOnly);
    forbid(subject.has_group(), "group", kGroupOnly);
  } else if (kind == "Group") {
    if (!subject.has_group()) {
      errors.push_back(
          api::Required(Child(path, "group"), "group is required when subject kind is 'Group'"));
    } else if (subject.group().name().empty()) {
      errors.push_back(api::Required(Child(Child(path, "group"), "name")));
    }
    forbid(subject.has_serviceaccount(), "serviceAccount", kAccountOnly);
    forbid(subject.has_user(), "user", kUserOnly);
  } else {
    errors.push_back(
        api::NotSupported(Child(path, "kind"), kind, {"Group", "ServiceAccount", "User"}));
  }
}

void ValidateRules(const PolicyRulesWithSubjects& rules, const std::string& path,
                   api::FieldErrors& errors) {
  if (rules.subjects().empty()) {
    errors.push_back(
        api::Required(Child(path, "subjects"), "subjects must contain at least one value"));
  }
  for (int i = 0; i < rules.subjects_size(); ++i) {
    ValidateSubject(rules.subjects(i), Index(Child(path, "subjects"), i), errors);
  }
  if (rules.resourcerules().empty() && rules.nonresourcerules().empty()) {
    errors.push_back(api::Required(
        path, "at least one of resourceRules and nonResourceRules has to be non-empty"));
  }
  for (int i = 0; i < rules.resourcerules_size(); ++i) {
    ValidateResourceRule(rules.resourcerules(i), Index(Child(path, "resourceRules"), i), errors);
  }
  for (int i = 0; i < rules.nonresourcerules_size(); ++i) {
    ValidateNonResourceRule(rules.nonresourcerules(i), Index(Child(path, "nonResourceRules"), i),
                            errors);
  }
}

void ValidateSpec(const std::string& name, const FlowSchemaSpec& spec, api::FieldErrors& errors) {
  const std::string precedence = "spec.matchingPrecedence";
  if (spec.matchingprecedence() <= 0) {
    errors.push_back(
        api::InvalidNumber(precedence, spec.matchingprecedence(), "must be a positive value"));
  }
  if (spec.matchingprecedence() > kMaxMatchingPrecedence) {
    errors.push_back(
        api::InvalidNumber(precedence, spec.matchingprecedence(),
                           StrCat("must not be greater than ", kMaxMatchingPrecedence)));
  }
  if (spec.matchingprecedence() == 1 && name != flowcontrol::kExempt) {
    errors.push_back(
        api::InvalidNumber(precedence, spec.matchingprecedence(),
                           "only the schema named 'exempt' may have matchingPrecedence 1"));
  }
  if (spec.has_distinguishermethod()) {
    const std::string& type = spec.distinguishermethod().type();
    if (type != "ByNamespace" && type != "ByUser") {
      errors.push_back(core::NotSupportedRendered(
          "spec.distinguisherMethod.type",
          "&flowcontrol.FlowDistinguisherMethod{Type:" + api::QuoteValue(type) + "}",
          {"ByNamespace", "ByUser"}));
    }
  }
  const std::string& level = spec.prioritylevelconfiguration().name();
  const std::string level_path = "spec.priorityLevelConfiguration.name";
  if (level.empty()) {
    errors.push_back(api::Required(level_path, "must reference a priority level"));
  } else {
    for (const std::string& message : validation::IsDns1123Subdomain(level)) {
      errors.push_back(api::Invalid(level_path, level, message));
    }
  }
  for (int i = 0; i < spec.rules_size(); ++i) {
    ValidateRules(spec.rules(i), Index("spec.rules", i), errors);
  }
}

}  // namespace

void FlowSchemaStrategy::Default(google::protobuf::Message& object) const {
  auto& spec = *static_cast<FlowSchema&>(object).mutable_spec();
  if (spec.matchingprecedence() == 0) spec.set_matchingprecedence(kDefaultMatchingPrecedence);
}

api::FieldErrors FlowSchemaStrategy::Validate(const google::protobuf::Message& object) const {
  const auto& schema = static_cast<const FlowSchema&>(object);
  const std::string& name = schema.metadata().name();
  api::FieldErrors errors;
  ValidateSpec(name, schema.spec(), errors);
  if (const FlowSchema* mandatory = flowcontrol::MandatoryFlowSchema(name);
      mandatory != nullptr && !flowcontrol::SameSpec(schema.spec(), mandatory->spec())) {
    errors.push_back(core::InvalidRendered("spec", "flowcontrol.FlowSchemaSpec{...}",
                                           "spec of '" + name + "' must equal the fixed value"));
  }
  core::Append(errors, flowcontrol::ValidateConditionTypes(schema.status().conditions()));
  return errors;
}

api::FieldErrors FlowSchemaStrategy::ValidateStatusUpdate(
    const google::protobuf::Message& object, const google::protobuf::Message& old) const {
  return flowcontrol::ValidateConditionTypes(
      static_cast<const FlowSchema&>(object).status().conditions());
}

}  // namespace kube::apiserver
