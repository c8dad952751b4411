#include "apiserver/registry/storage/storage_names.h"

#include "absl/strings/ascii.h"
#include "common/validation/names.h"

namespace kube::apiserver::storage_rules {

constexpr size_t kMaxCsiDriverNameLength = 63;

void ValidateCsiDriverName(const std::string& name, const std::string& path,
                           api::FieldErrors& errors) {
  if (name.empty()) errors.push_back(api::Required(path));
  if (name.size() > kMaxCsiDriverNameLength) {
    errors.push_back(api::TooLong(path, name, kMaxCsiDriverNameLength));
  }
  for (const std::string& message : validation::IsDns1123Subdomain(absl::AsciiStrToLower(name))) {
    errors.push_back(api::Invalid(path, name, message));
  }
}

void ValidateQualifiedName(const std::string& value, const std::string& path,
                           api::FieldErrors& errors) {
  for (const std::string& message : validation::IsQualifiedName(value)) {
    errors.push_back(api::Invalid(path, value, message));
  }
}

}  // namespace kube::apiserver::storage_rules
