// The admissionregistration.k8s.io, flowcontrol.apiserver.k8s.io and
// apiregistration.k8s.io tables: webhook configurations, admission policies and
// bindings, FlowSchema, PriorityLevelConfiguration and APIService.

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "apiserver/printers/printer_util.h"
#include "apiserver/printers/printers.h"
#include "k8s/admissionregistration/v1/admissionregistration.pb.h"
#include "k8s/apiregistration/v1/apiregistration.pb.h"
#include "k8s/flowcontrol/v1/flowcontrol.pb.h"

namespace kube::apiserver {
namespace {

using namespace printer_internal;
using k8s::admissionregistration::v1::MutatingWebhookConfiguration;
using k8s::admissionregistration::v1::ValidatingAdmissionPolicy;
using k8s::admissionregistration::v1::ValidatingAdmissionPolicyBinding;
using k8s::admissionregistration::v1::ValidatingWebhookConfiguration;
using k8s::apiregistration::v1::APIService;
using k8s::flowcontrol::v1::FlowSchema;
using k8s::flowcontrol::v1::PriorityLevelConfiguration;

constexpr char kWebhooksDescription[] =
    "Webhooks indicates the number of webhooks registered in this configuration";

// The generated String() of a metav1.LabelSelector, which upstream prints as is:
// &LabelSelector{MatchLabels:map[string]string{a: b,},MatchExpressions:[]...{},}
std::string GoSelectorString(const k8s::meta::v1::LabelSelector& selector) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : selector.matchlabels()) keys.push_back(key);
  std::sort(keys.begin(), keys.end());
  std::string labels = "map[string]string{";
  for (const std::string& key : keys) labels += key + ": " + selector.matchlabels().at(key) + ",";
  labels += "}";
  std::string expressions = "[]LabelSelectorRequirement{";
  for (const auto& requirement : selector.matchexpressions()) {
    expressions += "LabelSelectorRequirement{Key:" + requirement.key() +
                   ",Operator:" + requirement.operator_() + ",Values:[" +
                   absl::StrJoin(requirement.values(), " ") + "],},";
  }
  expressions += "}";
  return "&LabelSelector{MatchLabels:" + labels + ",MatchExpressions:" + expressions + ",}";
}

std::vector<TableCell> ValidatingWebhookRow(const ValidatingWebhookConfiguration& config,
                                            absl::Time now) {
  return {config.metadata().name(), static_cast<int64_t>(config.webhooks_size()),
          Age(config.metadata(), now)};
}

std::vector<TableCell> MutatingWebhookRow(const MutatingWebhookConfiguration& config,
                                          absl::Time now) {
  return {config.metadata().name(), static_cast<int64_t>(config.webhooks_size()),
          Age(config.metadata(), now)};
}

std::vector<TableCell> PolicyRow(const ValidatingAdmissionPolicy& policy, absl::Time now) {
  std::string param_kind = "<unset>";
  if (policy.spec().has_paramkind()) {
    param_kind = policy.spec().paramkind().apiversion() + "/" + policy.spec().paramkind().kind();
  }
  return {policy.metadata().name(), static_cast<int64_t>(policy.spec().validations_size()),
          param_kind, Age(policy.metadata(), now)};
}

std::vector<TableCell> BindingRow(const ValidatingAdmissionPolicyBinding& binding, absl::Time now) {
  std::string param = "<unset>";
  if (binding.spec().has_paramref()) {
    const auto& ref = binding.spec().paramref();
    if (!ref.name().empty()) {
      // Whether the parameters are cluster-scoped is unknown here: no namespace is "*".
      param = (ref.namespace_().empty() ? "*" : ref.namespace_()) + "/" + ref.name();
    } else if (ref.has_selector()) {
      param = GoSelectorString(ref.selector());
    }
  }
  return {binding.metadata().name(), binding.spec().policyname(), param,
          Age(binding.metadata(), now)};
}

std::vector<TableCell> FlowSchemaRow(const FlowSchema& schema, absl::Time now) {
  const auto& spec = schema.spec();
  std::string missing = "?";
  for (const auto& condition : schema.status().conditions()) {
    if (condition.type() == "Dangling") {
      missing = condition.status();
      break;
    }
  }
  return {schema.metadata().name(),
          spec.prioritylevelconfiguration().name(),
          static_cast<int64_t>(spec.matchingprecedence()),
          spec.has_distinguishermethod() ? spec.distinguishermethod().type() : "<none>",
          Age(schema.metadata(), now),
          missing};
}

std::vector<TableCell> PriorityLevelRow(const PriorityLevelConfiguration& level, absl::Time now) {
  TableCell shares = std::string("<none>");
  TableCell queues = std::string("<none>");
  TableCell hand_size = std::string("<none>");
  TableCell queue_length_limit = std::string("<none>");
  if (level.spec().has_limited()) {
    const auto& limited = level.spec().limited();
    shares = static_cast<int64_t>(limited.nominalconcurrencyshares());
    if (limited.limitresponse().has_queuing()) {
      const auto& queuing = limited.limitresponse().queuing();
      queues = static_cast<int64_t>(queuing.queues());
      hand_size = static_cast<int64_t>(queuing.handsize());
      queue_length_limit = static_cast<int64_t>(queuing.queuelengthlimit());
    }
  }
  return {level.metadata().name(), level.spec().type(),       shares, queues, hand_size,
          queue_length_limit,      Age(level.metadata(), now)};
}

std::vector<TableCell> ApiServiceRow(const APIService& service, absl::Time now) {
  std::string backend = "Local";
  if (service.spec().has_service()) {
    backend = service.spec().service().namespace_() + "/" + service.spec().service().name();
  }
  std::string available = "Unknown";
  for (const auto& condition : service.status().conditions()) {
    if (condition.type() != "Available") continue;
    available = condition.status() == "True" || condition.reason().empty()
                    ? condition.status()
                    : condition.status() + " (" + condition.reason() + ")";
    break;
  }
  return {service.metadata().name(), backend, available, Age(service.metadata(), now)};
}

}  // namespace

std::unique_ptr<TablePrinter> NewValidatingWebhookConfigurationPrinter() {
  return MakePrinter<ValidatingWebhookConfiguration>(
      {NameColumn(), Column("Webhooks", "integer", kWebhooksDescription), AgeColumn()},
      ValidatingWebhookRow);
}

std::unique_ptr<TablePrinter> NewMutatingWebhookConfigurationPrinter() {
  return MakePrinter<MutatingWebhookConfiguration>(
      {NameColumn(), Column("Webhooks", "integer", kWebhooksDescription), AgeColumn()},
      MutatingWebhookRow);
}

std::unique_ptr<TablePrinter> NewValidatingAdmissionPolicyPrinter() {
  return MakePrinter<ValidatingAdmissionPolicy>(
      {NameColumn(),
       Column("Validations", "integer",
              "Validations indicates the number of validation rules defined in this "
              "configuration"),
       Column("ParamKind", "string",
              "ParamKind specifies the kind of resources used to parameterize this policy"),
       AgeColumn()},
      PolicyRow);
}

std::unique_ptr<TablePrinter> NewValidatingAdmissionPolicyBindingPrinter() {
  return MakePrinter<ValidatingAdmissionPolicyBinding>(
      {NameColumn(),
       Column("PolicyName", "string",
              "PolicyName indicates the policy definition which the policy binding binded to"),
       Column("ParamRef", "string",
              "ParamRef indicates the param resource which sets the configration param"),
       AgeColumn()},
      BindingRow);
}

std::unique_ptr<TablePrinter> NewFlowSchemaPrinter() {
  return MakePrinter<FlowSchema>(
      {NameColumn(),
       Column("PriorityLevel", "string",
              "`name` is the name of the priority level configuration being referenced "
              "Required."),
       Column("MatchingPrecedence", "string",
              "`matchingPrecedence` is used to choose among the FlowSchemas that match a "
              "given request. The chosen FlowSchema is among those with the numerically lowest "
              "(which we take to be logically highest) MatchingPrecedence."),
       Column("DistinguisherMethod", "string",
              "`distinguisherMethod` defines how to compute the flow distinguisher for "
              "requests that match this schema. `nil` specifies that the distinguisher is "
              "disabled and thus will always be the empty string."),
       AgeColumn(),
       Column("MissingPL", "string",
              "references a broken or non-existent PriorityLevelConfiguration")},
      FlowSchemaRow);
}

std::unique_ptr<TablePrinter> NewPriorityLevelConfigurationPrinter() {
  return MakePrinter<PriorityLevelConfiguration>(
      {NameColumn(),
       Column("Type", "string",
              "`type` indicates whether this priority level is subject to limitation on "
              "request execution."),
       Column("NominalConcurrencyShares", "string",
              "`nominalConcurrencyShares` (NCS) contributes to the computation of the "
              "NominalConcurrencyLimit (NominalCL) of this level."),
       Column("Queues", "string", "`queues` is the number of queues for this priority level."),
       Column("HandSize", "string",
              "`handSize` is a small positive number that configures the shuffle sharding of "
              "requests into queues."),
       Column("QueueLengthLimit", "string",
              "`queueLengthLimit` is the maximum number of requests allowed to be waiting in "
              "a given queue of this priority level at a time."),
       AgeColumn()},
      PriorityLevelRow);
}

std::unique_ptr<TablePrinter> NewApiServicePrinter() {
  return MakePrinter<APIService>(
      {NameColumn(),
       Column("Service", "string", "The reference to the service that hosts this API endpoint."),
       Column("Available", "string", "Whether this service is available."), AgeColumn()},
      ApiServiceRow);
}

}  // namespace kube::apiserver
