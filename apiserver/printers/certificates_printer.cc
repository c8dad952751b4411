// The CertificateSigningRequest table (kubectl get csr).

#include "apiserver/printers/human_duration.h"
#include "apiserver/printers/printer_util.h"
#include "apiserver/printers/printers.h"
#include "k8s/certificates/v1/certificates.pb.h"

namespace kube::apiserver {
namespace {

using namespace printer_internal;
using k8s::certificates::v1::CertificateSigningRequest;

// Upstream's extractCSRStatus: Denied over Approved over Pending, then Failed and
// Issued.
std::string Condition(const CertificateSigningRequest& csr) {
  bool approved = false;
  bool denied = false;
  bool failed = false;
  for (const auto& condition : csr.status().conditions()) {
    approved |= condition.type() == "Approved";
    denied |= condition.type() == "Denied";
    failed |= condition.type() == "Failed";
  }
  std::string status = denied ? "Denied" : approved ? "Approved" : "Pending";
  if (failed) status += ",Failed";
  if (!csr.status().certificate().empty()) status += ",Issued";
  return status;
}

std::vector<TableCell> CsrRow(const CertificateSigningRequest& csr, absl::Time now) {
  const auto& spec = csr.spec();
  return {csr.metadata().name(),
          Age(csr.metadata(), now),
          spec.signername(),
          spec.username(),
          spec.has_expirationseconds()
              ? HumanDuration(absl::Seconds(spec.expirationseconds()))
              : std::string("<none>"),
          Condition(csr)};
}

}  // namespace

std::unique_ptr<TablePrinter> NewCertificateSigningRequestPrinter() {
  return MakePrinter<CertificateSigningRequest>(
      {
          NameColumn(),
          AgeColumn(),
          Column("SignerName", "string", "The signer the request is addressed to."),
          Column("Requestor", "string", "Who made the request."),
          Column("RequestedDuration", "string", "How long the certificate should be valid."),
          Column("Condition", "string", "Pending, Approved or Denied; Failed; Issued."),
      },
      CsrRow);
}

}  // namespace kube::apiserver
