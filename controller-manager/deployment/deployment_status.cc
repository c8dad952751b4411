#include "controller-manager/deployment/deployment_status.h"

#include <algorithm>

#include "common/util/strings.h"

namespace kube::kcm::deployment {
namespace {

using k8s::apps::v1::DeploymentCondition;

const DeploymentCondition* FindCondition(const k8s::apps::v1::Deployment& d, const std::string& type) {
  for (const auto& condition : d.status().conditions()) {
    if (condition.type() == type) return &condition;
  }
  return nullptr;
}

// Appends a condition; `touch` refreshes lastUpdateTime even when nothing changed
// (progress was made).
void SetCondition(k8s::apps::v1::DeploymentStatus& status, const DeploymentCondition* old,
                  const std::string& type, const std::string& value, const std::string& reason,
                  const std::string& message, bool touch, int64_t now) {
  DeploymentCondition* condition = status.add_conditions();
  condition->set_type(type);
  condition->set_status(value);
  condition->set_reason(reason);
  condition->set_message(message);
  const bool same_status = old != nullptr && old->status() == value;
  const bool same_all = same_status && old->reason() == reason && old->message() == message;
  condition->mutable_lasttransitiontime()->set_seconds(same_status ? old->lasttransitiontime().seconds() : now);
  condition->mutable_lastupdatetime()->set_seconds(same_all && !touch ? old->lastupdatetime().seconds() : now);
}

}  // namespace

int32_t DesiredReplicas(const k8s::apps::v1::Deployment& d) {
  return d.spec().has_replicas() ? d.spec().replicas() : 1;
}

DeploymentStatusResult ComputeDeploymentStatus(const k8s::apps::v1::Deployment& d,
                                               const std::vector<const k8s::apps::v1::ReplicaSet*>& owned,
                                               const k8s::apps::v1::ReplicaSet* new_rs,
                                               const Fenceposts& fenceposts, bool progressed,
                                               absl::Time now) {
  const int32_t desired = DesiredReplicas(d);
  const int64_t now_seconds = absl::ToUnixSeconds(now);
  DeploymentStatusResult result;
  k8s::apps::v1::DeploymentStatus& status = result.status;
  status.set_observedgeneration(d.metadata().generation());
  for (const auto* rs : owned) {
    status.set_replicas(status.replicas() + rs->status().replicas());
    status.set_readyreplicas(status.readyreplicas() + rs->status().readyreplicas());
    status.set_availablereplicas(status.availablereplicas() + rs->status().availablereplicas());
  }
  if (new_rs != nullptr) status.set_updatedreplicas(new_rs->status().replicas());
  status.set_unavailablereplicas(std::max(0, desired - status.availablereplicas()));
  if (d.status().has_collisioncount()) status.set_collisioncount(d.status().collisioncount());

  const bool available = status.availablereplicas() >= desired - fenceposts.unavailable;
  SetCondition(status, FindCondition(d, "Available"), "Available", available ? "True" : "False",
               available ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
               available ? "Deployment has minimum availability."
                         : "Deployment does not have minimum availability.",
               false, now_seconds);

  const DeploymentCondition* progressing = FindCondition(d, "Progressing");
  const std::string rs_name = new_rs != nullptr ? new_rs->metadata().name() : "";
  const bool complete = new_rs != nullptr && status.updatedreplicas() == desired &&
                        status.replicas() == desired && status.availablereplicas() == desired;
  const bool counts_moved = status.replicas() != d.status().replicas() ||
                            status.updatedreplicas() != d.status().updatedreplicas() ||
                            status.availablereplicas() != d.status().availablereplicas() ||
                            status.readyreplicas() != d.status().readyreplicas();
  if (d.spec().paused()) {
    SetCondition(status, progressing, "Progressing", "Unknown", "DeploymentPaused",
                 "Deployment is paused", false, now_seconds);
  } else if (complete) {
    SetCondition(status, progressing, "Progressing", "True", "NewReplicaSetAvailable",
                 StrCat("ReplicaSet \"", rs_name, "\" has successfully progressed."), false,
                 now_seconds);
  } else if (progressed || counts_moved || progressing == nullptr ||
             progressing->reason() == "NewReplicaSetAvailable" ||
             progressing->reason() == "DeploymentPaused") {
    SetCondition(status, progressing, "Progressing", "True", "ReplicaSetUpdated",
                 StrCat("ReplicaSet \"", rs_name, "\" is progressing."), true, now_seconds);
  } else {
    const int32_t deadline =
        d.spec().has_progressdeadlineseconds() ? d.spec().progressdeadlineseconds() : 600;
    const absl::Time expires =
        absl::FromUnixSeconds(progressing->lastupdatetime().seconds()) + absl::Seconds(deadline);
    if ((progressing->status() == "True" && expires < now) ||
        progressing->reason() == "ProgressDeadlineExceeded") {
      SetCondition(status, progressing, "Progressing", "False", "ProgressDeadlineExceeded",
                   StrCat("ReplicaSet \"", rs_name, "\" has timed out progressing."), false,
                   now_seconds);
    } else {
      *status.add_conditions() = *progressing;
      result.recheck_after = expires - now + absl::Seconds(1);
    }
  }
  return result;
}

}  // namespace kube::kcm::deployment
