#pragma once

#include <map>
#include <string>

#include "absl/status/status.h"

namespace kube::kubelet {

// One file of a projected volume.
struct FileProjection {
  std::string data;
  int mode = 0644;
};

// Upstream's AtomicWriter: writes `files` (relative paths, possibly nested) into
// `dir` so that a reader never sees a mix of old and new contents. The payload
// goes into a fresh hidden directory "..<timestamp>", the "..data" symlink is
// renamed onto it, and each top-level name is a symlink through "..data". Writing
// the same payload again changes nothing. InvalidArgument for a path that is
// absolute, empty, or has a ".." element.
absl::Status WriteAtomically(const std::string& dir,
                             const std::map<std::string, FileProjection>& files);

}  // namespace kube::kubelet
