#include "apiserver/endpoints/request_info.h"

#include <vector>

namespace kube::apiserver {
namespace {

std::vector<std::string> SplitPath(std::string_view path) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > start) parts.emplace_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

}  // namespace

bool ParseRequestPath(std::string_view path, RequestInfo& info) {
  info = RequestInfo{};
  std::vector<std::string> parts = SplitPath(path);
  if (parts.empty()) return false;
  info.api_prefix = parts[0];
  size_t next = 1;
  if (info.api_prefix == "api") {
    if (parts.size() < 2) return true;  // /api
    info.version = parts[1];
    next = 2;
  } else if (info.api_prefix == "apis") {
    if (parts.size() < 2) return true;  // /apis
    info.group = parts[1];
    if (parts.size() < 3) return true;  // /apis/G
    info.version = parts[2];
    next = 3;
  } else {
    return false;
  }
  std::vector<std::string> rest(parts.begin() + next, parts.end());
  if (rest.empty()) return true;  // group-version discovery
  info.is_resource_request = true;
  if (rest[0] == "watch") {
    info.legacy_watch = true;
    rest.erase(rest.begin());
    if (rest.empty()) return false;
  }
  // /namespaces/NS/<resource>... unless the third part is a namespace subresource.
  if (rest[0] == "namespaces" && rest.size() > 1) {
    info.namespace_ = rest[1];
    if (rest.size() > 2 && rest[2] != "status" && rest[2] != "finalize") {
      rest.erase(rest.begin(), rest.begin() + 2);
    }
  }
  info.resource = rest[0];
  if (rest.size() > 1) info.name = rest[1];
  if (rest.size() > 2) info.subresource = rest[2];
  if (rest.size() > 3) return false;
  // The namespace object itself is cluster-scoped: its name is the path's namespace.
  if (info.resource == "namespaces") info.namespace_.clear();
  return true;
}

}  // namespace kube::apiserver
