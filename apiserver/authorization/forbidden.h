#pragma once

#include <string_view>

#include "absl/status/status.h"
#include "apiserver/authorization/authorizer.h"

namespace kube::apiserver::authorization {

// The 403 upstream answers when no authorizer allowed a request, word for word:
//   pods "p1" is forbidden: User "alice" cannot get resource "pods" in API group ""
//   in the namespace "default"[: <reason>]
//   forbidden: User "system:anonymous" cannot get path "/api"
// with details naming the group, resource and object.
absl::Status ForbiddenStatus(const Attributes& attributes, std::string_view reason);

// The sentence without the resource prefix ("User ... cannot ..."), as access
// reviews and impersonation errors use it.
std::string ForbiddenMessage(const Attributes& attributes);

}  // namespace kube::apiserver::authorization
