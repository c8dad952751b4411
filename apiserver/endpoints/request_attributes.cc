#include "apiserver/endpoints/request_attributes.h"

#include "absl/strings/ascii.h"
#include "apiserver/endpoints/query_params.h"

namespace kube::apiserver {
namespace {

std::string_view VerbOf(std::string_view method) {
  if (method == "POST") return "create";
  if (method == "PUT") return "update";
  if (method == "PATCH") return "patch";
  if (method == "DELETE") return "delete";
  return "get";  // GET, HEAD
}

// The name a "metadata.name=X" field selector pins a list or watch to.
std::string NameFromFieldSelector(const httplib::Request& request) {
  std::string selector = QueryParam(request, "fieldSelector");
  constexpr std::string_view kPrefix = "metadata.name=";
  if (selector.rfind(kPrefix, 0) != 0) return "";
  std::string name = selector.substr(kPrefix.size());
  if (!name.empty() && name[0] == '=') name.erase(0, 1);  // metadata.name==X
  if (name.find_first_of(",=!") != std::string::npos) return "";
  return name;
}

}  // namespace

auth::Attributes RestRequestAttributes(const httplib::Request& request,
                                                const RequestInfo& info) {
  auth::Attributes attributes;
  if (!info.is_resource_request) {
    attributes.verb = absl::AsciiStrToLower(request.method);
    attributes.path = request.path;
    return attributes;
  }
  attributes.resource_request = true;
  attributes.verb = std::string(VerbOf(request.method));
  attributes.namespace_ = info.namespace_;
  attributes.api_group = info.group;
  attributes.api_version = info.version;
  attributes.resource = info.resource;
  attributes.subresource = info.subresource;
  attributes.name = info.name;
  attributes.path = request.path;
  if (info.resource == "pods" && (info.subresource == "exec" || info.subresource == "attach" ||
                                  info.subresource == "portforward")) {
    attributes.verb = "create";
  }
  if (info.name.empty() && attributes.verb == "get") {
    const bool watch = info.legacy_watch || BoolQueryParam(request, "watch");
    attributes.verb = watch ? "watch" : "list";
    attributes.name = NameFromFieldSelector(request);
  } else if (info.name.empty() && attributes.verb == "delete") {
    attributes.verb = "deletecollection";
  } else if (info.legacy_watch) {
    attributes.verb = "watch";
  }
  return attributes;
}

}  // namespace kube::apiserver
