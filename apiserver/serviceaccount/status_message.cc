#include "apiserver/serviceaccount/status_message.h"

#include "common/util/strings.h"

namespace kube::serviceaccount {

absl::Status Prefixed(const absl::Status& status, std::string_view prefix) {
  return absl::Status(status.code(), kube::StrCat(prefix, MessageOf(status)));
}

}  // namespace kube::serviceaccount
