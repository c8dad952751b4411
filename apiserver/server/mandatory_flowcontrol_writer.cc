#include "apiserver/server/mandatory_flowcontrol_writer.h"

#include "apiserver/registry/flowcontrol/mandatory_configuration.h"
#include "common/log/log.h"
#include "common/util/strings.h"
#include "k8s/flowcontrol/v1/flowcontrol.pb.h"

namespace kube::apiserver {
namespace {

template <typename T>
absl::Status EnsureAll(const StoreSet& stores, const char* kind, const std::vector<T>& objects) {
  const Store* store = stores.Find("flowcontrol.apiserver.k8s.io", kind);
  if (store == nullptr) {
    return absl::FailedPreconditionError("the flowcontrol.apiserver.k8s.io API is not registered");
  }
  for (const T& object : objects) {
    const std::string& name = object.metadata().name();
    absl::StatusOr<ObjectPtr> existing = store->Get("", name);
    if (existing.ok()) continue;
    if (!absl::IsNotFound(existing.status())) return existing.status();
    absl::Status created = store->Create("", std::make_unique<T>(object), {}).status();
    // Another apiserver may have created it in between.
    if (!created.ok() && !absl::IsAlreadyExists(created)) {
      return absl::InternalError(
          StrCat("creating the mandatory ", kind, " ", name, ": ", created.message()));
    }
    if (created.ok()) KLOG(Info) << "created " << kind << " " << name;
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status EnsureMandatoryFlowControl(const StoreSet& stores) {
  // Levels first: the schemas name them.
  if (absl::Status status = EnsureAll(stores, "PriorityLevelConfiguration",
                                      flowcontrol::MandatoryPriorityLevelConfigurations());
      !status.ok()) {
    return status;
  }
  return EnsureAll(stores, "FlowSchema", flowcontrol::MandatoryFlowSchemas());
}

}  // namespace kube::apiserver
