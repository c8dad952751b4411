// The PodDisruptionBudget, HorizontalPodAutoscaler and Lease tables.

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "apiserver/printers/printer_util.h"
#include "apiserver/printers/printers.h"
#include "k8s/autoscaling/v1/autoscaling.pb.h"
#include "k8s/coordination/v1/coordination.pb.h"
#include "k8s/policy/v1/policy.pb.h"

namespace kube::apiserver {
namespace {

using namespace printer_internal;
using k8s::autoscaling::v1::HorizontalPodAutoscaler;
using k8s::coordination::v1::Lease;
using k8s::policy::v1::PodDisruptionBudget;

// What the autoscaler targets when autoscaling/v1 names no CPU utilisation.
constexpr int32_t kDefaultCpuUtilization = 80;

std::vector<TableCell> PodDisruptionBudgetRow(const PodDisruptionBudget& pdb, absl::Time now) {
  const auto& spec = pdb.spec();
  return {pdb.metadata().name(),
          spec.has_minavailable() ? IntOrStringText(spec.minavailable()) : "N/A",
          spec.has_maxunavailable() ? IntOrStringText(spec.maxunavailable()) : "N/A",
          static_cast<int64_t>(pdb.status().disruptionsallowed()), Age(pdb.metadata(), now)};
}

// autoscaling/v1 has one metric, CPU: "cpu: 45%/80%", "<unknown>" before measured.
std::string HpaTargets(const HorizontalPodAutoscaler& hpa) {
  const auto& spec = hpa.spec();
  const auto& status = hpa.status();
  const int32_t target = spec.has_targetcpuutilizationpercentage()
                             ? spec.targetcpuutilizationpercentage()
                             : kDefaultCpuUtilization;
  std::string current = status.has_currentcpuutilizationpercentage()
                            ? absl::StrCat(status.currentcpuutilizationpercentage(), "%")
                            : "<unknown>";
  return absl::StrCat("cpu: ", current, "/", target, "%");
}

std::vector<TableCell> HorizontalPodAutoscalerRow(const HorizontalPodAutoscaler& hpa,
                                                  absl::Time now) {
  const auto& spec = hpa.spec();
  const auto& target = spec.scaletargetref();
  return {hpa.metadata().name(),
          absl::StrCat(target.kind(), "/", target.name()),
          HpaTargets(hpa),
          spec.has_minreplicas() ? absl::StrCat(spec.minreplicas()) : "<unset>",
          static_cast<int64_t>(spec.maxreplicas()),
          static_cast<int64_t>(hpa.status().currentreplicas()),
          Age(hpa.metadata(), now)};
}

std::vector<TableCell> LeaseRow(const Lease& lease, absl::Time now) {
  return {lease.metadata().name(), lease.spec().holderidentity(), Age(lease.metadata(), now)};
}

}  // namespace

std::unique_ptr<TablePrinter> NewPodDisruptionBudgetPrinter() {
  return MakePrinter<PodDisruptionBudget>(
      {
          NameColumn(),
          Column("Min Available", "string", "The minimum number of pods that must be available."),
          Column("Max Unavailable", "string",
                 "The maximum number of pods that may be unavailable."),
          Column("Allowed Disruptions", "integer",
                 "Calculated number of pods that may be disrupted at this time."),
          AgeColumn(),
      },
      PodDisruptionBudgetRow);
}

std::unique_ptr<TablePrinter> NewHorizontalPodAutoscalerPrinter() {
  return MakePrinter<HorizontalPodAutoscaler>(
      {
          NameColumn(),
          Column("Reference", "string", "The target resource to scale."),
          Column("Targets", "string",
                 "The metrics used to compute the desired replica count, current/target."),
          Column("MinPods", "string", "The lower limit for the number of replicas."),
          Column("MaxPods", "string", "The upper limit for the number of replicas."),
          Column("Replicas", "string", "The current number of replicas."),
          AgeColumn(),
      },
      HorizontalPodAutoscalerRow);
}

std::unique_ptr<TablePrinter> NewLeasePrinter() {
  return MakePrinter<Lease>(
      {NameColumn(), Column("Holder", "string", "The identity of the holder of the lease."),
       AgeColumn()},
      LeaseRow);
}

}  // namespace kube::apiserver
