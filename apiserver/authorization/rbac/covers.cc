#include "apiserver/authorization/rbac/covers.h"

#include <map>
#include <set>
#include <string_view>
#include <utility>

#include "apiserver/authorization/rbac/go_quote.h"
#include "apiserver/authorization/rbac/rule_matching.h"
#include "common/util/strings.h"

namespace kube::apiserver::rbac {
namespace {

using k8s::rbac::v1::PolicyRule;
using Strings = google::protobuf::RepeatedPtrField<std::string>;

bool Has(const Strings& set, std::string_view value) {
  for (const std::string& element : set) {
    if (element == value) return true;
  }
  return false;
}

bool HasAll(const Strings& set, const Strings& values) {
  for (const std::string& value : values) {
    if (!Has(set, value)) return false;
  }
  return true;
}

// A "*/scale" owner resource covers "deployments/scale".
bool ResourcesCoverAll(const Strings& owner, const Strings& covered) {
  if (Has(owner, kAll) || HasAll(owner, covered)) return true;
  for (const std::string& path : covered) {
    if (Has(owner, path)) continue;
    const size_t slash = path.find('/');
    if (slash == std::string::npos) return false;
    if (!Has(owner, StrCat("*/", path.substr(slash + 1)))) return false;
  }
  return true;
}

bool UrlCovers(std::string_view owner, std::string_view path) {
  if (owner == path) return true;
  if (!owner.ends_with("*")) return false;
  while (!owner.empty() && owner.back() == '*') owner.remove_suffix(1);
  return path.starts_with(owner);
}

bool UrlsCoverAll(const Strings& owner, const Strings& covered) {
  for (const std::string& path : covered) {
    bool found = false;
    for (const std::string& owner_path : owner) {
      if (UrlCovers(owner_path, path)) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

PolicyRule Piece(const std::string& group, const std::string& resource, const std::string& verb) {
  PolicyRule rule;
  rule.add_apigroups(group);
  rule.add_resources(resource);
  rule.add_verbs(verb);
  return rule;
}

// One group, one resource and nothing but verbs (isSimpleResourceRule).
bool IsSimpleResourceRule(const PolicyRule& rule) {
  return rule.resourcenames().empty() && rule.nonresourceurls().empty() &&
         rule.apigroups_size() == 1 && rule.resources_size() == 1;
}

}  // namespace

Rules BreakdownRule(const PolicyRule& rule) {
  Rules pieces;
  for (const std::string& group : rule.apigroups()) {
    for (const std::string& resource : rule.resources()) {
      for (const std::string& verb : rule.verbs()) {
        if (rule.resourcenames().empty()) {
          pieces.push_back(Piece(group, resource, verb));
          continue;
        }
        for (const std::string& name : rule.resourcenames()) {
          pieces.push_back(Piece(group, resource, verb));
          pieces.back().add_resourcenames(name);
        }
      }
    }
  }
  // Non-resource URLs combine with verbs only.
  for (const std::string& url : rule.nonresourceurls()) {
    for (const std::string& verb : rule.verbs()) {
      PolicyRule& piece = pieces.emplace_back();
      piece.add_nonresourceurls(url);
      piece.add_verbs(verb);
    }
  }
  return pieces;
}

bool RuleCovers(const PolicyRule& owner, const PolicyRule& subrule) {
  const bool verbs = Has(owner.verbs(), kAll) || HasAll(owner.verbs(), subrule.verbs());
  const bool groups =
      Has(owner.apigroups(), kAll) || HasAll(owner.apigroups(), subrule.apigroups());
  const bool resources = ResourcesCoverAll(owner.resources(), subrule.resources());
  const bool urls = UrlsCoverAll(owner.nonresourceurls(), subrule.nonresourceurls());
  // A rule limited to names never covers a request for all names.
  const bool names = subrule.resourcenames().empty()
                         ? owner.resourcenames().empty()
                         : owner.resourcenames().empty() ||
                               HasAll(owner.resourcenames(), subrule.resourcenames());
  return verbs && groups && resources && names && urls;
}

Rules UncoveredRules(const Rules& owner, const Rules& requested) {
  Rules uncovered;
  for (const PolicyRule& rule : requested) {
    for (PolicyRule& piece : BreakdownRule(rule)) {
      bool covered = false;
      for (const PolicyRule& owner_rule : owner) {
        if (RuleCovers(owner_rule, piece)) {
          covered = true;
          break;
        }
      }
      if (!covered) uncovered.push_back(std::move(piece));
    }
  }
  return uncovered;
}

Rules CompactRules(const Rules& rules) {
  Rules compacted;
  // Keyed by group and resource; the order does not matter to callers, who sort.
  std::map<std::pair<std::string, std::string>, PolicyRule> simple;
  for (const PolicyRule& rule : rules) {
    if (!IsSimpleResourceRule(rule)) {
      compacted.push_back(rule);
      continue;
    }
    auto [it, inserted] = simple.try_emplace({rule.apigroups(0), rule.resources(0)}, rule);
    if (!inserted) {
      for (const std::string& verb : rule.verbs()) it->second.add_verbs(verb);
    }
  }
  for (auto& [key, rule] : simple) compacted.push_back(std::move(rule));
  return compacted;
}

std::string CompactString(const PolicyRule& rule) {
  std::vector<std::string> parts;
  if (!rule.apigroups().empty()) parts.push_back("APIGroups:" + GoQuoteList(rule.apigroups()));
  if (!rule.resources().empty()) parts.push_back("Resources:" + GoQuoteList(rule.resources()));
  if (!rule.nonresourceurls().empty()) {
    parts.push_back("NonResourceURLs:" + GoQuoteList(rule.nonresourceurls()));
  }
  if (!rule.resourcenames().empty()) {
    parts.push_back("ResourceNames:" + GoQuoteList(rule.resourcenames()));
  }
  if (!rule.verbs().empty()) parts.push_back("Verbs:" + GoQuoteList(rule.verbs()));
  return StrCat("{", StrJoin(parts, ", "), "}");
}

std::string EscalationMessage(const auth::UserInfo& user, const Rules& missing) {
  std::set<std::string> descriptions;  // sorted, without repeats, like sets.String
  for (const PolicyRule& rule : CompactRules(missing)) descriptions.insert(CompactString(rule));
  return StrCat("user ", GoQuote(user.name), " (groups=", GoQuoteList(user.groups),
                      ") is attempting to grant RBAC permissions not currently held:\n",
                      StrJoin(descriptions, "\n"));
}

absl::Status ConfirmNoEscalation(const auth::UserInfo& user, const Rules& owner,
                                 const Rules& requested) {
  const Rules missing = UncoveredRules(owner, requested);
  if (missing.empty()) return absl::OkStatus();
  return absl::PermissionDeniedError(EscalationMessage(user, missing));
}

}  // namespace kube::apiserver::rbac
