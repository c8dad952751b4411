// The PodDisruptionBudget and Lease tables.

#include <string>
#include <vector>

#include "apiserver/printers/printer_util.h"
#include "apiserver/printers/printers.h"
#include "k8s/coordination/v1/coordination.pb.h"
#include "k8s/policy/v1/policy.pb.h"

namespace kube::apiserver {
namespace {

using namespace printer_internal;
using k8s::coordination::v1::Lease;
using k8s::policy::v1::PodDisruptionBudget;

std::vector<TableCell> PodDisruptionBudgetRow(const PodDisruptionBudget& pdb, absl::Time now) {
  const auto& spec = pdb.spec();
  return {pdb.metadata().name(),
          spec.has_minavailable() ? IntOrStringText(spec.minavailable()) : "N/A",
          spec.has_maxunavailable() ? IntOrStringText(spec.maxunavailable()) : "N/A",
          static_cast<int64_t>(pdb.status().disruptionsallowed()), Age(pdb.metadata(), now)};
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

std::unique_ptr<TablePrinter> NewLeasePrinter() {
  return MakePrinter<Lease>(
      {NameColumn(), Column("Holder", "string", "The identity of the holder of the lease."),
       AgeColumn()},
      LeaseRow);
}

}  // namespace kube::apiserver
