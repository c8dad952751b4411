#include "common/auth/forbidden.h"

#include "absl/strings/str_replace.h"
#include "common/api/errors.h"
#include "common/util/strings.h"

namespace kube::auth {
namespace {

// Go's %q of a string: quoted, with quotes and backslashes escaped.
std::string GoQuote(std::string_view text) {
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '\\' || c == '"') quoted.push_back('\\');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  return quoted;
}

}  // namespace

std::string ForbiddenMessage(const Attributes& attributes) {
  const std::string user = GoQuote(attributes.user != nullptr ? attributes.user->name : "");
  if (!attributes.resource_request) {
    return StrCat("User ", user, " cannot ", attributes.verb, " path ", GoQuote(attributes.path));
  }
  std::string resource = attributes.resource;
  if (!attributes.subresource.empty()) StrAppend(&resource, "/", attributes.subresource);
  const std::string scope = attributes.namespace_.empty()
                                ? "at the cluster scope"
                                : StrCat("in the namespace ", GoQuote(attributes.namespace_));
  return StrCat("User ", user, " cannot ", attributes.verb, " resource ", GoQuote(resource),
                " in API group ", GoQuote(attributes.api_group), " ", scope);
}

absl::Status ForbiddenStatus(const Attributes& attributes, std::string_view reason) {
  // Upstream escapes what a client could use to inject markup into the message.
  std::string message = absl::StrReplaceAll(ForbiddenMessage(attributes),
                                            {{"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}});
  if (!reason.empty()) StrAppend(&message, ": ", reason);
  std::string qualified_resource;
  if (attributes.resource_request) {
    qualified_resource = attributes.api_group.empty()
                             ? attributes.resource
                             : StrCat(attributes.resource, ".", attributes.api_group);
  }
  return api::ForbiddenError(qualified_resource, attributes.name, message);
}

}  // namespace kube::auth
