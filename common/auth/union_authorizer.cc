#include "common/auth/union_authorizer.h"

#include "common/util/strings.h"

namespace kube::auth {

absl::StatusOr<Decision> UnionAuthorizer::Authorize(const Attributes& attributes,
                                                    std::string* reason) const {
  std::vector<std::string> reasons;
  absl::Status error;
  for (const auto& authorizer : authorizers_) {
    std::string why;
    absl::StatusOr<Decision> decision = authorizer->Authorize(attributes, &why);
    if (!decision.ok()) {
      if (error.ok()) error = decision.status();
      continue;
    }
    if (*decision != Decision::kNoOpinion) {
      *reason = why;
      return decision;
    }
    if (!why.empty()) reasons.push_back(why);
  }
  if (!error.ok()) return error;
  *reason = StrJoin(reasons, "\n");
  return Decision::kNoOpinion;
}

}  // namespace kube::auth
