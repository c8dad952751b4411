#include "apiserver/server/system_priority_classes_writer.h"

#include "apiserver/registry/scheduling/system_priority_classes.h"
#include "common/log/log.h"
#include "common/util/strings.h"
#include "k8s/scheduling/v1/scheduling.pb.h"

namespace kube::apiserver {

absl::Status EnsureSystemPriorityClasses(const StoreSet& stores) {
  const Store* classes = stores.Find("scheduling.k8s.io", "PriorityClass");
  if (classes == nullptr) {
    return absl::FailedPreconditionError("the scheduling.k8s.io API is not registered");
  }
  for (const auto& system_class : scheduling::SystemPriorityClasses()) {
    const std::string& name = system_class.metadata().name();
    absl::StatusOr<ObjectPtr> existing = classes->Get("", name);
    if (existing.ok()) continue;
    if (!absl::IsNotFound(existing.status())) return existing.status();
    absl::Status created =
        classes->Create("", std::make_unique<k8s::scheduling::v1::PriorityClass>(system_class), {})
            .status();
    // Another apiserver may have created it in between.
    if (!created.ok() && !absl::IsAlreadyExists(created)) {
      return absl::InternalError(
          StrCat("creating the system PriorityClass ", name, ": ", created.message()));
    }
    if (created.ok()) KLOG(Info) << "created PriorityClass " << name;
  }
  return absl::OkStatus();
}

}  // namespace kube::apiserver
