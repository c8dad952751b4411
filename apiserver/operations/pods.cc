#include "apiserver/operations/pods.h"

#include <algorithm>

#include "common/api/errors.h"
#include "common/api/object.h"
#include "common/selectors/label_selector_proto.h"
#include "common/util/strings.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver {
namespace {

using k8s::core::v1::Pod;

void SetCondition(Pod& pod, const std::string& type, const std::string& value) {
  for (auto& condition : *pod.mutable_status()->mutable_conditions()) {
    if (condition.type() != type) continue;
    if (condition.status() != value) {
      condition.set_status(value);
      *condition.mutable_lasttransitiontime() = api::Now();
    }
    return;
  }
  auto* condition = pod.mutable_status()->add_conditions();
  condition->set_type(type);
  condition->set_status(value);
  *condition->mutable_lasttransitiontime() = api::Now();
}

// The one PodDisruptionBudget guarding `pod`, if any (several are an error).
absl::StatusOr<ObjectPtr> GuardingBudget(const Store& budgets, const Pod& pod) {
  ListParams params;
  absl::StatusOr<ListResult> listed = budgets.List(pod.metadata().namespace_(), params);
  if (!listed.ok()) return listed.status();
  ObjectPtr found;
  for (ObjectPtr& item : listed->items) {
    const auto& budget = static_cast<const k8s::policy::v1::PodDisruptionBudget&>(*item);
    absl::StatusOr<selectors::LabelSelector> selector = selectors::LabelSelectorFromProto(
        budget.spec().has_selector() ? &budget.spec().selector() : nullptr);
    if (!selector.ok() || !selector->Matches(pod.metadata().labels())) continue;
    if (found != nullptr) {
      return api::InternalError(
          "This pod has more than one PodDisruptionBudget, which the eviction subresource does "
          "not support.");
    }
    found = std::move(item);
  }
  return found;
}

absl::Status BudgetViolation(std::string_view cause) {
  absl::Status status = api::TooManyRequestsError(
      "Cannot evict pod as it would violate the pod's disruption budget.", 0);
  k8s::meta::v1::Status api_status = api::ToApiStatus(status);
  auto* detail = api_status.mutable_details()->add_causes();
  detail->set_reason("DisruptionBudget");
  detail->set_message(std::string(cause));
  return api::FromApiStatus(api_status);
}

// Takes one disruption from the budget (status.disruptionsAllowed) for `pod`.
absl::Status TakeDisruption(const Store& budgets, const k8s::policy::v1::PodDisruptionBudget& budget,
                            const Pod& pod, bool dry_run) {
  auto update = [&](const google::protobuf::Message& current) -> absl::StatusOr<ObjectPtr> {
    auto next = std::make_unique<k8s::policy::v1::PodDisruptionBudget>(
        static_cast<const k8s::policy::v1::PodDisruptionBudget&>(current));
    const auto& status = next->status();
    if (status.observedgeneration() < next->metadata().generation()) {
      return BudgetViolation(StrCat("The disruption budget ", next->metadata().name(),
                                    " is still being processed by the server."));
    }
    if (status.disruptionsallowed() <= 0) {
      return BudgetViolation(StrCat("The disruption budget ", next->metadata().name(), " needs ",
                                    status.desiredhealthy(), " healthy pods and has ",
                                    status.currenthealthy(), " currently"));
    }
    next->mutable_status()->set_disruptionsallowed(status.disruptionsallowed() - 1);
    (*next->mutable_status()->mutable_disruptedpods())[pod.metadata().name()] = api::Now();
    return ObjectPtr(std::move(next));
  };
  return budgets
      .Update(budget.metadata().namespace_(), budget.metadata().name(), update,
              UpdateMode::kStatus, WriteOptions{dry_run})
      .status();
}

}  // namespace

absl::Status BindPod(const Store& pods, std::string_view ns, std::string_view pod_name,
                     const k8s::core::v1::Binding& binding, const WriteOptions& options) {
  api::FieldErrors errors;
  if (pod_name.empty()) errors.push_back(api::Required("metadata.name"));
  if (binding.target().name().empty()) errors.push_back(api::Required("target.name"));
  if (!binding.target().kind().empty() && binding.target().kind() != "Node") {
    errors.push_back(api::NotSupported("target.kind", binding.target().kind(), {"Node"}));
  }
  if (!errors.empty()) return api::InvalidError("", "Binding", pod_name, errors);

  auto update = [&](const google::protobuf::Message& current) -> absl::StatusOr<ObjectPtr> {
    auto pod = std::make_unique<Pod>(static_cast<const Pod&>(current));
    if (pod->metadata().has_deletiontimestamp()) {
      return api::ConflictError(
          "pods", pod_name, StrCat("pod ", pod_name, " is being deleted, cannot be assigned to a host"));
    }
    if (!pod->spec().nodename().empty()) {
      return api::ConflictError("pods", pod_name,
                                StrCat("pod ", pod_name, " is already assigned to node \"",
                                       pod->spec().nodename(), "\""));
    }
    pod->mutable_spec()->set_nodename(binding.target().name());
    for (const auto& [key, value] : binding.metadata().annotations()) {
      (*pod->mutable_metadata()->mutable_annotations())[key] = value;
    }
    SetCondition(*pod, "PodScheduled", "True");
    return ObjectPtr(std::move(pod));
  };
  return pods.Update(ns, pod_name, update, UpdateMode::kUnchecked, options).status();
}

absl::Status EvictPod(const StoreView& stores, const Store& pods, std::string_view ns,
                      std::string_view name, const k8s::policy::v1::Eviction& eviction,
                      const WriteOptions& options) {
  if (!eviction.metadata().name().empty() && eviction.metadata().name() != name) {
    return api::BadRequestError("name in URL does not match name in Eviction object");
  }
  absl::StatusOr<ObjectPtr> object = pods.Get(ns, name);
  if (!object.ok()) return object.status();
  const Pod& pod = static_cast<const Pod&>(**object);

  // Finished, unstarted and terminating pods disrupt nothing: no budget applies.
  const std::string& phase = pod.status().phase();
  bool budget_applies = !(phase == "Succeeded" || phase == "Failed" || phase == "Pending" ||
                          pod.metadata().has_deletiontimestamp());
  if (budget_applies) {
    if (const Store* budgets = stores.Find("policy", "PodDisruptionBudget")) {
      absl::StatusOr<ObjectPtr> budget = GuardingBudget(*budgets, pod);
      if (!budget.ok()) return budget.status();
      if (*budget != nullptr) {
        absl::Status taken = TakeDisruption(
            *budgets, static_cast<const k8s::policy::v1::PodDisruptionBudget&>(**budget), pod,
            options.dry_run);
        if (!taken.ok()) return taken;
      }
    }
  }
  return pods.Delete(ns, name, eviction.deleteoptions(), options).status();
}

namespace {

// The state a pod's status reports for one of its containers (nullptr: none yet).
const k8s::core::v1::ContainerStatus* StatusOfContainer(const Pod& pod,
                                                       const std::string& container) {
  for (const auto* list : {&pod.status().initcontainerstatuses(),
                           &pod.status().containerstatuses()}) {
    for (const auto& status : *list) {
      if (status.name() == container) return &status;
    }
  }
  return nullptr;
}

absl::StatusOr<std::pair<std::string, int>> KubeletAddress(const Store* nodes,
                                                           const std::string& node_name) {
  auto unreachable = [&](std::string_view why) {
    return api::ServiceUnavailableError(
        StrCat("no kubelet is reachable for node \"", node_name, "\": ", why));
  };
  if (nodes == nullptr) return unreachable("nodes are not served");
  absl::StatusOr<ObjectPtr> object = nodes->Get("", node_name);
  if (!object.ok()) return unreachable("the node is not registered");
  const auto& node = static_cast<const k8s::core::v1::Node&>(**object);
  std::string host;
  for (const char* type : {"InternalIP", "ExternalIP", "Hostname"}) {
    for (const auto& address : node.status().addresses()) {
      if (host.empty() && address.type() == type) host = address.address();
    }
  }
  if (host.empty()) return unreachable("the node reports no address");
  int port = node.status().daemonendpoints().kubeletendpoint().port();
  return std::make_pair(host, port > 0 ? port : 10250);
}

}  // namespace

absl::StatusOr<KubeletLocation> LocatePodContainer(const Store& pods, const Store* nodes,
                                                   std::string_view ns, std::string_view name,
                                                   std::string_view container_param,
                                                   bool for_logs, bool previous) {
  absl::StatusOr<ObjectPtr> object = pods.Get(ns, name);
  if (!object.ok()) return object.status();
  const Pod& pod = static_cast<const Pod&>(**object);
  std::string container(container_param);
  std::vector<std::string> names;
  for (const auto& c : pod.spec().initcontainers()) names.push_back(c.name());
  for (const auto& c : pod.spec().containers()) names.push_back(c.name());
  if (container.empty()) {
    if (pod.spec().containers_size() != 1) {
      std::vector<std::string> regular;
      for (const auto& c : pod.spec().containers()) regular.push_back(c.name());
      std::string message = StrCat("a container name must be specified for pod ", name,
                                   ", choose one of: [", StrJoin(regular, " "), "]");
      if (pod.spec().initcontainers_size() > 0) {
        std::vector<std::string> init;
        for (const auto& c : pod.spec().initcontainers()) init.push_back(c.name());
        StrAppend(&message, " or one of the init containers: [", StrJoin(init, " "), "]");
      }
      return api::BadRequestError(message);
    }
    container = pod.spec().containers(0).name();
  } else if (std::find(names.begin(), names.end(), container) == names.end()) {
    return api::BadRequestError(StrCat("container ", container, " is not valid for pod ", name));
  }
  auto waiting = [&](std::string_view reason) {
    return api::BadRequestError(StrCat("container \"", container, "\" in pod \"", name,
                                       "\" is waiting to start: ", reason));
  };
  if (pod.spec().nodename().empty()) {
    if (for_logs) return waiting("ContainerCreating");
    return api::BadRequestError(StrCat("pod ", name, " does not have a host assigned"));
  }
  absl::StatusOr<std::pair<std::string, int>> address = KubeletAddress(nodes, pod.spec().nodename());
  if (!address.ok()) return address.status();
  if (for_logs && !previous) {
    const k8s::core::v1::ContainerStatus* status = StatusOfContainer(pod, container);
    if (status == nullptr) return waiting("ContainerCreating");
    // A container waiting to restart still has the log of its last run.
    if (status->state().has_waiting() && !status->laststate().has_terminated()) {
      const std::string& reason = status->state().waiting().reason();
      return waiting(reason.empty() ? "ContainerCreating" : reason);
    }
  }
  return KubeletLocation{address->first, address->second, pod.spec().nodename(), container};
}

}  // namespace kube::apiserver
