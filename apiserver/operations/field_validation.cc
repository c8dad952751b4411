#include "apiserver/operations/field_validation.h"

#include "common/api/errors.h"
#include "common/util/strings.h"

namespace kube::apiserver {

absl::Status ValidateFieldValidation(std::string_view policy) {
  if (policy.empty() || policy == "Strict" || policy == "Warn" || policy == "Ignore") {
    return absl::OkStatus();
  }
  return api::BadRequestError(StrCat("fieldValidation: Unsupported value: \"", policy,
                                     "\": supported values: \"Ignore\", \"Strict\", \"Warn\""));
}

absl::Status CheckUnknownFields(const std::vector<std::string>& unknown, std::string_view policy,
                                std::vector<std::string>& warnings) {
  if (unknown.empty() || policy == "Ignore") return absl::OkStatus();
  std::vector<std::string> messages;
  for (const std::string& field : unknown) messages.push_back(StrCat("unknown field \"", field, "\""));
  if (policy == "Strict") {
    return api::BadRequestError(StrCat("strict decoding error: ", StrJoin(messages, ", ")));
  }
  warnings.insert(warnings.end(), messages.begin(), messages.end());
  return absl::OkStatus();
}

}  // namespace kube::apiserver
