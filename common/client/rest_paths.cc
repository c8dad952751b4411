#include "common/client/rest_paths.h"

#include <utility>
#include <vector>

#include "common/util/strings.h"

namespace kube::client::internal {
namespace {

std::string Query(const std::vector<std::pair<std::string_view, std::string>>& params) {
  std::string out;
  for (const auto& [key, value] : params) {
    StrAppend(&out, out.empty() ? "?" : "&", key, "=", PercentEncode(value));
  }
  return out;
}

}  // namespace

std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                      (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xf]);
    }
  }
  return out;
}

std::string ResourcePath(const Resource& resource, std::string_view ns, std::string_view name,
                         std::string_view subresource) {
  std::string path = resource.group.empty()
                         ? StrCat("/api/", resource.version)
                         : StrCat("/apis/", resource.group, "/", resource.version);
  if (resource.namespaced && !ns.empty()) StrAppend(&path, "/namespaces/", PercentEncode(ns));
  StrAppend(&path, "/", resource.resource);
  if (!name.empty()) {
    StrAppend(&path, "/", PercentEncode(name));
    if (!subresource.empty()) StrAppend(&path, "/", subresource);
  }
  return path;
}

std::string ListQuery(const ListOptions& options, bool watch) {
  std::vector<std::pair<std::string_view, std::string>> params;
  if (watch) params.emplace_back("watch", "true");
  if (!options.label_selector.empty()) params.emplace_back("labelSelector", options.label_selector);
  if (!options.field_selector.empty()) params.emplace_back("fieldSelector", options.field_selector);
  if (!options.resource_version.empty()) {
    params.emplace_back("resourceVersion", options.resource_version);
  }
  if (watch) {
    if (options.allow_watch_bookmarks) params.emplace_back("allowWatchBookmarks", "true");
    if (options.send_initial_events.has_value()) {
      params.emplace_back("sendInitialEvents", *options.send_initial_events ? "true" : "false");
    }
    if (!options.resource_version_match.empty()) {
      params.emplace_back("resourceVersionMatch", options.resource_version_match);
    }
    if (options.timeout_seconds > 0) {
      params.emplace_back("timeoutSeconds", StrCat(options.timeout_seconds));
    }
  } else {
    if (!options.resource_version_match.empty()) {
      params.emplace_back("resourceVersionMatch", options.resource_version_match);
    }
    if (options.limit > 0) params.emplace_back("limit", StrCat(options.limit));
    if (!options.continue_token.empty()) params.emplace_back("continue", options.continue_token);
    if (options.timeout_seconds > 0) {
      params.emplace_back("timeoutSeconds", StrCat(options.timeout_seconds));
    }
  }
  return Query(params);
}

std::string WriteQuery(const WriteOptions& options) {
  std::vector<std::pair<std::string_view, std::string>> params;
  if (options.dry_run) params.emplace_back("dryRun", "All");
  if (!options.field_manager.empty()) params.emplace_back("fieldManager", options.field_manager);
  if (!options.field_validation.empty()) {
    params.emplace_back("fieldValidation", options.field_validation);
  }
  return Query(params);
}

}  // namespace kube::client::internal
