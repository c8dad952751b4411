#include "apiserver/storage/storage.h"

#include "absl/strings/str_cat.h"

namespace kube::storage {

absl::Status CompactedError(Revision requested, Revision compacted) {
  return absl::OutOfRangeError(absl::StrCat("required revision has been compacted (requested ",
                                            requested, ", compacted ", compacted, ")"));
}

// storage.h reserves OutOfRange for exactly this condition, so the code alone decides;
// backends that translate remote errors (etcd) need only map the code.
bool IsCompacted(const absl::Status& status) { return absl::IsOutOfRange(status); }

}  // namespace kube::storage
