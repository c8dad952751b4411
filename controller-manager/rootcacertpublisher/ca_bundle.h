#pragma once

#include <string>

#include "absl/status/statusor.h"

namespace kube::kcm::rootcacertpublisher {

// The content of --root-ca-file, as published: the file's bytes, unchanged, once
// they are known to hold at least one PEM certificate (upstream refuses to start
// the loop otherwise). Errors name the file.
absl::StatusOr<std::string> ReadCaBundle(const std::string& path);

}  // namespace kube::kcm::rootcacertpublisher
