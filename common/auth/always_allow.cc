#include "common/auth/always_allow.h"

#include "common/util/strings.h"

namespace kube::auth {
namespace {

std::string WithoutLeadingSlash(const std::string& path) {
  return path.rfind('/', 0) == 0 ? path.substr(1) : path;
}

}  // namespace

absl::StatusOr<std::unique_ptr<AlwaysAllowPathsAuthorizer>> AlwaysAllowPathsAuthorizer::Create(
    const std::vector<std::string>& paths) {
  std::set<std::string> exact;
  std::vector<std::string> prefixes;
  for (const std::string& given : paths) {
    std::string path = WithoutLeadingSlash(given);
    if (path.empty()) {
      exact.insert(path);  // "/"
      continue;
    }
    if (path.find('*') < path.size() - 1) {
      return absl::InvalidArgumentError(StrCat("only trailing * allowed in \"", given, "\""));
    }
    if (path.back() == '*') {
      prefixes.push_back(path.substr(0, path.size() - 1));
    } else {
      exact.insert(path);
    }
  }
  return std::unique_ptr<AlwaysAllowPathsAuthorizer>(
      new AlwaysAllowPathsAuthorizer(std::move(exact), std::move(prefixes)));
}

absl::StatusOr<Decision> AlwaysAllowPathsAuthorizer::Authorize(const Attributes& attributes,
                                                               std::string*) const {
  if (attributes.resource_request) return Decision::kNoOpinion;
  const std::string path = WithoutLeadingSlash(attributes.path);
  if (paths_.count(path) > 0) return Decision::kAllow;
  for (const std::string& prefix : prefixes_) {
    if (path.rfind(prefix, 0) == 0) return Decision::kAllow;
  }
  return Decision::kNoOpinion;
}

absl::StatusOr<Decision> PrivilegedGroupsAuthorizer::Authorize(const Attributes& attributes,
                                                               std::string*) const {
  if (attributes.user == nullptr) return Decision::kNoOpinion;
  for (const std::string& group : groups_) {
    if (attributes.user->InGroup(group)) return Decision::kAllow;
  }
  return Decision::kNoOpinion;
}

}  // namespace kube::auth
