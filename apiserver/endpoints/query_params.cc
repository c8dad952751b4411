#include "apiserver/endpoints/query_params.h"

#include "common/util/parse_bool.h"

#include "common/api/errors.h"
#include "common/util/strings.h"

namespace kube::apiserver {

bool BoolQueryParam(const httplib::Request& request, const char* name) {
  return ParseBool(QueryParam(request, name)).value_or(false);
}

absl::StatusOr<std::optional<bool>> OptionalBoolQueryParam(const httplib::Request& request,
                                                           const char* name) {
  auto it = request.params.find(name);
  if (it == request.params.end()) return std::optional<bool>();
  std::optional<bool> value = ParseBool(it->second);
  if (!value.has_value()) {
    return api::BadRequestError(StrCat("invalid value for ", name, ": \"", it->second,
                                       "\" is not a boolean"));
  }
  return value;
}

std::string QueryParam(const httplib::Request& request, const char* name) {
  auto it = request.params.find(name);
  return it == request.params.end() ? "" : it->second;
}

absl::Status ParseSelectors(const httplib::Request& request, selectors::LabelSelector& labels,
                            selectors::FieldSelector& fields) {
  absl::StatusOr<selectors::LabelSelector> parsed_labels =
      selectors::LabelSelector::Parse(QueryParam(request, "labelSelector"));
  if (!parsed_labels.ok()) {
    return api::BadRequestError(std::string(parsed_labels.status().message()));
  }
  absl::StatusOr<selectors::FieldSelector> parsed_fields =
      selectors::FieldSelector::Parse(QueryParam(request, "fieldSelector"));
  if (!parsed_fields.ok()) {
    return api::BadRequestError(std::string(parsed_fields.status().message()));
  }
  labels = std::move(*parsed_labels);
  fields = std::move(*parsed_fields);
  return absl::OkStatus();
}

absl::Status ValidateDryRun(const httplib::Request& request) {
  auto range = request.params.equal_range("dryRun");
  for (auto it = range.first; it != range.second; ++it) {
    if (it->second != "All") {
      return api::BadRequestError(StrCat("dryRun: Unsupported value: \"", it->second,
                                         "\": supported values: \"All\""));
    }
  }
  return absl::OkStatus();
}

bool DryRun(const httplib::Request& request) {
  auto range = request.params.equal_range("dryRun");
  for (auto it = range.first; it != range.second; ++it) {
    if (it->second == "All") return true;
  }
  return false;
}

std::string FieldManager(const httplib::Request& request) {
  std::string manager = QueryParam(request, "fieldManager");
  if (!manager.empty()) return manager;
  std::string agent = request.get_header_value("User-Agent");
  agent = agent.substr(0, agent.find('/'));
  return agent.empty() ? "unknown" : agent.substr(0, 128);
}

WriteOptions RequestWriteOptions(const httplib::Request& request, const RequestInfo& info) {
  WriteOptions options;
  options.dry_run = DryRun(request);
  options.user = info.user;
  options.field_manager = FieldManager(request);
  return options;
}

}  // namespace kube::apiserver
