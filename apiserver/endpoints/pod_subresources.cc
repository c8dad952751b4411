#include "apiserver/endpoints/pod_subresources.h"

#include "apiserver/endpoints/content_negotiation.h"
#include "apiserver/endpoints/query_params.h"
#include "apiserver/endpoints/responses.h"
#include "common/api/errors.h"
#include "common/api/object.h"
#include "common/selectors/label_selector_proto.h"
#include "common/util/strings.h"
#include "k8s/core/v1/core.pb.h"
#include "k8s/policy/v1/policy.pb.h"

namespace kube::apiserver {
namespace {

using k8s::core::v1::Pod;

void WriteSuccess(httplib::Response& response, int code) {
  k8s::meta::v1::Status status;
  status.mutable_metadata();
  status.set_status("Success");
  status.set_code(code);
  WriteObject(response, code, status, OutputFormat::kJson);
}

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

absl::Status ServeBinding(const Store& pods, const RequestInfo& info,
                          const httplib::Request& request, httplib::Response& response) {
  absl::StatusOr<DecodedBody> decoded = DecodeBody(request.get_header_value("Content-Type"),
                                                   request.body, k8s::core::v1::Binding::default_instance());
  if (!decoded.ok()) return decoded.status();
  const auto& binding = static_cast<const k8s::core::v1::Binding&>(*decoded->object);
  // pods/NAME/binding names the pod in the path; /bindings in the body.
  std::string pod_name = info.resource == "bindings" ? binding.metadata().name() : info.name;
  if (info.resource != "bindings" && !binding.metadata().name().empty() &&
      binding.metadata().name() != info.name) {
    return api::BadRequestError(StrCat("the name of the object (", binding.metadata().name(),
                                       ") does not match the name on the URL (", info.name, ")"));
  }
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
      return api::ConflictError("pods", pod_name,
                                StrCat("pod ", pod_name, " is being deleted, cannot be assigned to a host"));
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
  absl::StatusOr<ObjectPtr> bound = pods.Update(info.namespace_, pod_name, update,
                                                UpdateMode::kUnchecked, WriteOptions{DryRun(request)});
  if (!bound.ok()) return bound.status();
  WriteSuccess(response, 201);
  return absl::OkStatus();
}

absl::Status ServeEviction(const StoreSet& stores, const Store& pods, const RequestInfo& info,
                           const httplib::Request& request, httplib::Response& response) {
  absl::StatusOr<DecodedBody> decoded =
      DecodeBody(request.get_header_value("Content-Type"), request.body,
                 k8s::policy::v1::Eviction::default_instance());
  if (!decoded.ok()) return decoded.status();
  if (!decoded->kind.empty() && decoded->kind != "Eviction") {
    return api::BadRequestError(StrCat("the kind in the data (", decoded->kind,
                                       ") does not match the expected kind (Eviction)"));
  }
  const auto& eviction = static_cast<const k8s::policy::v1::Eviction&>(*decoded->object);
  if (!eviction.metadata().name().empty() && eviction.metadata().name() != info.name) {
    return api::BadRequestError(StrCat("name in URL does not match name in Eviction object"));
  }
  bool dry_run = DryRun(request);
  absl::StatusOr<ObjectPtr> object = pods.Get(info.namespace_, info.name);
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
            dry_run);
        if (!taken.ok()) return taken;
      }
    }
  }
  k8s::meta::v1::DeleteOptions options = eviction.deleteoptions();
  absl::StatusOr<Store::DeleteResult> deleted =
      pods.Delete(info.namespace_, info.name, options, WriteOptions{dry_run});
  if (!deleted.ok()) return deleted.status();
  WriteSuccess(response, 201);
  return absl::OkStatus();
}

absl::Status ServeLog(const Store& pods, const RequestInfo& info, const httplib::Request& request,
                      httplib::Response& response) {
  absl::StatusOr<ObjectPtr> object = pods.Get(info.namespace_, info.name);
  if (!object.ok()) return object.status();
  const Pod& pod = static_cast<const Pod&>(**object);
  std::string container = QueryParam(request, "container");
  std::vector<std::string> names;
  for (const auto& c : pod.spec().initcontainers()) names.push_back(c.name());
  for (const auto& c : pod.spec().containers()) names.push_back(c.name());
  if (container.empty()) {
    if (pod.spec().containers_size() != 1) {
      std::vector<std::string> regular;
      for (const auto& c : pod.spec().containers()) regular.push_back(c.name());
      return api::BadRequestError(StrCat("a container name must be specified for pod ", info.name,
                                         ", choose one of: [", StrJoin(regular, " "), "]"));
    }
    container = pod.spec().containers(0).name();
  } else if (std::find(names.begin(), names.end(), container) == names.end()) {
    return api::BadRequestError(
        StrCat("container ", container, " is not valid for pod ", info.name));
  }
  if (pod.spec().nodename().empty()) {
    return api::BadRequestError(StrCat("container \"", container, "\" in pod \"", info.name,
                                       "\" is waiting to start: the pod is not scheduled to a "
                                       "node yet"));
  }
  return api::ServiceUnavailableError(
      StrCat("cannot get logs of container \"", container, "\" in pod \"", info.name,
             "\": logs are served by the kubelet of node \"", pod.spec().nodename(),
             "\", and no kubelet is reachable for it"));
}

}  // namespace kube::apiserver
