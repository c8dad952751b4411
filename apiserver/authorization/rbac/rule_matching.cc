#include "apiserver/authorization/rbac/rule_matching.h"


namespace kube::apiserver::rbac {

bool VerbMatches(const PolicyRule& rule, std::string_view verb) {
  for (const std::string& rule_verb : rule.verbs()) {
    if (rule_verb == kAll || rule_verb == verb) return true;
  }
  return false;
}

bool ApiGroupMatches(const PolicyRule& rule, std::string_view group) {
  for (const std::string& rule_group : rule.apigroups()) {
    if (rule_group == kAll || rule_group == group) return true;
  }
  return false;
}

bool ResourceMatches(const PolicyRule& rule, std::string_view combined,
                     std::string_view subresource) {
  for (const std::string& rule_resource : rule.resources()) {
    if (rule_resource == kAll || rule_resource == combined) return true;
    // "*/scale" grants the subresource on every resource of the rule's groups.
    if (!subresource.empty() && rule_resource.size() == subresource.size() + 2 &&
        rule_resource.starts_with("*/") && rule_resource.ends_with(subresource)) {
      return true;
    }
  }
  return false;
}

bool ResourceNameMatches(const PolicyRule& rule, std::string_view name) {
  if (rule.resourcenames().empty()) return true;
  for (const std::string& rule_name : rule.resourcenames()) {
    if (rule_name == name) return true;
  }
  return false;
}

bool NonResourceUrlMatches(const PolicyRule& rule, std::string_view path) {
  for (const std::string& url : rule.nonresourceurls()) {
    if (url == kAll || url == path) return true;
    if (url.ends_with("*")) {
      std::string_view prefix = url;
      while (!prefix.empty() && prefix.back() == '*') prefix.remove_suffix(1);
      if (path.starts_with(prefix)) return true;
    }
  }
  return false;
}

bool RuleAllows(const auth::Attributes& attributes, const PolicyRule& rule) {
  if (!VerbMatches(rule, attributes.verb)) return false;
  if (!attributes.resource_request) return NonResourceUrlMatches(rule, attributes.path);
  if (!ApiGroupMatches(rule, attributes.api_group)) return false;
  const bool matches =
      attributes.subresource.empty()
          ? ResourceMatches(rule, attributes.resource, "")
          : ResourceMatches(rule, attributes.resource + "/" + attributes.subresource,
                            attributes.subresource);
  return matches && ResourceNameMatches(rule, attributes.name);
}

bool RulesAllow(const auth::Attributes& attributes, const PolicyRules& rules) {
  for (const PolicyRule& rule : rules) {
    if (RuleAllows(attributes, rule)) return true;
  }
  return false;
}

namespace {

// Drops `prefix` from the front of *text if it is there.
bool ConsumeLeading(std::string_view* text, std::string_view prefix) {
  if (!text->starts_with(prefix)) return false;
  text->remove_prefix(prefix.size());
  return true;
}

}  // namespace

bool ServiceAccountUsernameMatches(std::string_view sa_namespace, std::string_view sa_name,
                                   std::string_view username) {
  return ConsumeLeading(&username, auth::kServiceAccountUserPrefix) &&
         ConsumeLeading(&username, sa_namespace) && ConsumeLeading(&username, ":") &&
         username == sa_name;
}

bool SubjectAppliesTo(const auth::UserInfo& user, const Subject& subject,
                      std::string_view binding_namespace) {
  const std::string& kind = subject.kind();
  if (kind == kUserKind) return user.name == subject.name();
  if (kind == kGroupKind) return user.InGroup(subject.name());
  if (kind == kServiceAccountKind) {
    std::string_view sa_namespace =
        subject.namespace_().empty() ? binding_namespace : std::string_view(subject.namespace_());
    if (sa_namespace.empty()) return false;
    return ServiceAccountUsernameMatches(sa_namespace, subject.name(), user.name);
  }
  return false;
}

int FirstApplyingSubject(const auth::UserInfo& user, const Subjects& subjects,
                         std::string_view binding_namespace) {
  for (int i = 0; i < subjects.size(); ++i) {
    if (SubjectAppliesTo(user, subjects.Get(i), binding_namespace)) return i;
  }
  return -1;
}

}  // namespace kube::apiserver::rbac
