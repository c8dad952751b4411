#include "apiserver/registry/apiregistration/availability.h"

#include "common/util/strings.h"

namespace kube::apiserver::apiregistration {

using k8s::apiregistration::v1::APIService;
using k8s::apiregistration::v1::APIServiceCondition;

APIServiceCondition AvailableCondition(const APIService& service, const ServiceExists& exists) {
  APIServiceCondition condition;
  condition.set_type("Available");
  if (!service.spec().has_service()) {
    condition.set_status("True");
    condition.set_reason("Local");
    condition.set_message("Local APIServices are always available");
    return condition;
  }
  const auto& reference = service.spec().service();
  condition.set_status("False");
  if (!exists(reference.namespace_(), reference.name())) {
    condition.set_reason("ServiceNotFound");
    condition.set_message(StrCat("service/", reference.name(), " in \"", reference.namespace_(),
                                 "\" is not present"));
  } else {
    condition.set_reason("ServiceNotProxied");
    condition.set_message(StrCat("service/", reference.name(), " in \"", reference.namespace_(),
                                 "\" is not reachable: this apiserver does not proxy to "
                                 "aggregated APIs yet"));
  }
  return condition;
}

bool SetCondition(k8s::apiregistration::v1::APIServiceStatus& status,
                  const APIServiceCondition& condition, const k8s::meta::v1::Time& now) {
  for (APIServiceCondition& existing : *status.mutable_conditions()) {
    if (existing.type() != condition.type()) continue;
    bool changed = false;
    if (existing.status() != condition.status()) {
      existing.set_status(condition.status());
      *existing.mutable_lasttransitiontime() = now;
      changed = true;
    }
    if (existing.reason() != condition.reason() || existing.message() != condition.message()) {
      existing.set_reason(condition.reason());
      existing.set_message(condition.message());
      changed = true;
    }
    return changed;
  }
  APIServiceCondition& added = *status.add_conditions();
  added = condition;
  *added.mutable_lasttransitiontime() = now;
  return true;
}

}  // namespace kube::apiserver::apiregistration
