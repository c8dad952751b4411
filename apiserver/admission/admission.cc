#include "apiserver/admission/admission.h"

namespace kube::apiserver::admission {

absl::Status Chain::Admit(Request& request) const {
  if (request.user == nullptr) return absl::OkStatus();
  for (const auto& plugin : plugins_) {
    if (absl::Status status = plugin->Admit(request); !status.ok()) return status;
  }
  return absl::OkStatus();
}

absl::Status Chain::Validate(const Request& request) const {
  if (request.user == nullptr) return absl::OkStatus();
  for (const auto& plugin : plugins_) {
    if (absl::Status status = plugin->Validate(request); !status.ok()) return status;
  }
  return absl::OkStatus();
}

}  // namespace kube::apiserver::admission
