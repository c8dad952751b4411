#pragma once

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "common/auth/authorizer.h"

namespace kube::auth {

// Upstream's words for a refused request: `User "alice" cannot get path "/metrics"`,
// `User "alice" cannot get resource "nodes/proxy" in API group "" at the cluster scope`.
std::string ForbiddenMessage(const Attributes& attributes);

// The 403 (a Kubernetes Status, common/api/errors.h) upstream answers with:
// `forbidden: User "alice" cannot get path "/metrics"`, then ": <reason>" when the
// authorizer gave one.
absl::Status ForbiddenStatus(const Attributes& attributes, std::string_view reason);

}  // namespace kube::auth
