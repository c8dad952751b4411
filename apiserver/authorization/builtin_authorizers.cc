#include "apiserver/authorization/builtin_authorizers.h"

namespace kube::apiserver::authorization {

Decision AlwaysAllowAuthorizer::Authorize(const Attributes&, std::string*) const {
  return Decision::kAllow;
}

Decision PrivilegedGroupAuthorizer::Authorize(const Attributes& attributes, std::string*) const {
  return attributes.user->InGroup(auth::kSystemMasters) ? Decision::kAllow : Decision::kNoOpinion;
}

Decision UnionAuthorizer::Authorize(const Attributes& attributes, std::string* reason) const {
  std::string reasons;
  for (const auto& authorizer : authorizers_) {
    std::string why;
    Decision decision = authorizer->Authorize(attributes, &why);
    if (decision != Decision::kNoOpinion) {
      *reason = why;
      return decision;
    }
    if (!why.empty()) reasons += (reasons.empty() ? "" : "\n") + why;
  }
  *reason = reasons;
  return Decision::kNoOpinion;
}

}  // namespace kube::apiserver::authorization
