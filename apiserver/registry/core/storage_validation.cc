#include "apiserver/registry/core/storage_validation.h"

#include <algorithm>

#include "common/validation/names.h"

namespace kube::apiserver::core {

void ValidateAccessModes(const google::protobuf::RepeatedPtrField<std::string>& modes,
                         const std::string& path, api::FieldErrors& errors) {
  static const std::vector<std::string> kModes = {"ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce",
                                                  "ReadWriteOncePod"};
  bool once_pod = false;
  for (const std::string& mode : modes) {
    if (std::find(kModes.begin(), kModes.end(), mode) == kModes.end()) {
      errors.push_back(api::NotSupported(path, mode, kModes));
    }
    once_pod = once_pod || mode == "ReadWriteOncePod";
  }
  if (once_pod && modes.size() > 1) {
    errors.push_back(api::Forbidden(path, "may not use ReadWriteOncePod with other access modes"));
  }
}

void ValidateVolumeMode(const std::string& mode, const std::string& path, api::FieldErrors& errors) {
  if (mode != "Block" && mode != "Filesystem") {
    errors.push_back(api::NotSupported(path, mode, {"Block", "Filesystem"}));
  }
}

void ValidateStorageClassName(const std::string& name, const std::string& path, api::FieldErrors& errors) {
  if (name.empty()) return;
  for (const std::string& message : validation::IsDns1123Subdomain(name)) {
    errors.push_back(api::Invalid(path, name, message));
  }
}

}  // namespace kube::apiserver::core
