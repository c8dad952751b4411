// Tables of the simpler core kinds: Namespace, ConfigMap, Secret, ServiceAccount,
// PodTemplate, ResourceQuota and ComponentStatus.

#include <map>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "apiserver/printers/printer_util.h"
#include "apiserver/printers/printers.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver {
namespace {

using namespace printer_internal;
using k8s::core::v1::ComponentStatus;
using k8s::core::v1::ConfigMap;
using k8s::core::v1::Namespace;
using k8s::core::v1::PodTemplate;
using k8s::core::v1::ResourceQuota;
using k8s::core::v1::Secret;
using k8s::core::v1::ServiceAccount;

std::vector<TableCell> NamespaceRow(const Namespace& ns, absl::Time now) {
  return {ns.metadata().name(), ns.status().phase(), Age(ns.metadata(), now)};
}

std::vector<TableCell> ConfigMapRow(const ConfigMap& map, absl::Time now) {
  return {map.metadata().name(), static_cast<int64_t>(map.data_size() + map.binarydata_size()),
          Age(map.metadata(), now)};
}

std::vector<TableCell> SecretRow(const Secret& secret, absl::Time now) {
  return {secret.metadata().name(), secret.type(), static_cast<int64_t>(secret.data_size()),
          Age(secret.metadata(), now)};
}

std::vector<TableCell> ServiceAccountRow(const ServiceAccount& account, absl::Time now) {
  return {account.metadata().name(), static_cast<int64_t>(account.secrets_size()),
          Age(account.metadata(), now)};
}

std::vector<TableCell> PodTemplateRow(const PodTemplate& pod_template, absl::Time) {
  const auto& spec_template = pod_template.template_();
  auto [names, images] = ContainerCells(spec_template.spec().containers());
  return {pod_template.metadata().name(), names, images,
          FormatLabels(spec_template.metadata().labels())};
}

// "cpu: 500m/1, pods: 2/10" for requests; limits.* resources go to the LIMIT column.
std::vector<TableCell> ResourceQuotaRow(const ResourceQuota& quota, absl::Time now) {
  const auto& hard = quota.status().hard();
  const auto& used = quota.status().used();
  std::map<std::string, std::string> sorted;
  for (const auto& [resource, quantity] : hard) sorted[resource] = quantity.string();
  std::vector<std::string> requests;
  std::vector<std::string> limits;
  for (const auto& [resource, hard_text] : sorted) {
    auto it = used.find(resource);
    std::string used_text = it == used.end() ? "" : it->second.string();
    std::string entry = absl::StrCat(resource, ": ", used_text.empty() ? "0" : used_text, "/",
                                     hard_text.empty() ? "0" : hard_text);
    (absl::StartsWith(resource, "limits.") ? limits : requests).push_back(std::move(entry));
  }
  return {quota.metadata().name(), absl::StrJoin(requests, ", "), absl::StrJoin(limits, ", "),
          Age(quota.metadata(), now)};
}

std::vector<TableCell> ComponentStatusRow(const ComponentStatus& component, absl::Time) {
  std::string status = "Unknown";
  std::string message;
  std::string error;
  for (const auto& condition : component.conditions()) {
    if (condition.type() != "Healthy") continue;
    status = condition.status() == "True" ? "Healthy" : "Unhealthy";
    message = condition.message();
    error = condition.error();
    break;
  }
  return {component.metadata().name(), status, message, error};
}

}  // namespace

std::unique_ptr<TablePrinter> NewNamespacePrinter() {
  return MakePrinter<Namespace>(
      {NameColumn(), Column("Status", "string", "The status of the namespace"), AgeColumn()},
      NamespaceRow);
}

std::unique_ptr<TablePrinter> NewConfigMapPrinter() {
  return MakePrinter<ConfigMap>(
      {NameColumn(), Column("Data", "string", "The number of data and binaryData keys."),
       AgeColumn()},
      ConfigMapRow);
}

std::unique_ptr<TablePrinter> NewSecretPrinter() {
  return MakePrinter<Secret>(
      {NameColumn(),
       Column("Type", "string", "Used to facilitate programmatic handling of secret data."),
       Column("Data", "string", "The number of data keys."), AgeColumn()},
      SecretRow);
}

std::unique_ptr<TablePrinter> NewServiceAccountPrinter() {
  return MakePrinter<ServiceAccount>(
      {NameColumn(),
       Column("Secrets", "string", "The number of secrets the service account may use."),
       AgeColumn()},
      ServiceAccountRow);
}

std::unique_ptr<TablePrinter> NewPodTemplatePrinter() {
  return MakePrinter<PodTemplate>(
      {NameColumn(), Column("Containers", "string", "Names of each container in the template."),
       Column("Images", "string", "Images referenced by each container in the template."),
       Column("Pod Labels", "string", "The labels for the pod template.")},
      PodTemplateRow);
}

std::unique_ptr<TablePrinter> NewResourceQuotaPrinter() {
  return MakePrinter<ResourceQuota>(
      {NameColumn(),
       Column("Request", "string",
              "Request represents a minimum amount of cpu/memory that a container may consume."),
       Column("Limit", "string",
              "Limits control the maximum amount of cpu/memory that a container may use "
              "independent of contention on the node."),
       AgeColumn()},
      ResourceQuotaRow);
}

std::unique_ptr<TablePrinter> NewComponentStatusPrinter() {
  return MakePrinter<ComponentStatus>(
      {NameColumn(), Column("Status", "string", "Status of the component conditions"),
       Column("Message", "string", "Message of the component conditions"),
       Column("Error", "string", "Error of the component conditions")},
      ComponentStatusRow);
}

}  // namespace kube::apiserver
