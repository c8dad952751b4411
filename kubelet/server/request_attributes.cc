#include "kubelet/server/request_attributes.h"


namespace kube::kubelet {
namespace {

std::string VerbFor(std::string_view method) {
  if (method == "POST") return "create";
  if (method == "PUT") return "update";
  if (method == "PATCH") return "patch";
  if (method == "DELETE") return "delete";
  return "get";  // GET, HEAD and anything else only reads
}

// Whether `path` is `prefix` or below it (/stats, /stats/summary; not /statsx).
bool IsSubpath(std::string_view path, std::string_view prefix) {
  if (path.substr(0, prefix.size()) != prefix) return false;
  return path.size() == prefix.size() || path[prefix.size()] == '/';
}

std::string SubresourceFor(std::string_view path) {
  if (IsSubpath(path, "/stats")) return "stats";
  if (IsSubpath(path, "/metrics")) return "metrics";
  if (IsSubpath(path, "/logs")) return "log";  // as pods/log is named
  if (IsSubpath(path, "/spec")) return "spec";
  if (IsSubpath(path, "/checkpoint")) return "checkpoint";
  return "proxy";
}

}  // namespace

auth::Attributes KubeletRequestAttributes(std::string_view method, std::string_view path,
                                          const std::string& node_name) {
  auth::Attributes attributes;
  attributes.verb = VerbFor(method);
  attributes.resource_request = true;
  attributes.api_version = "v1";
  attributes.resource = "nodes";
  attributes.subresource = SubresourceFor(path);
  attributes.name = node_name;
  attributes.path = std::string(path);
  return attributes;
}

}  // namespace kube::kubelet
