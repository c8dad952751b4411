#include "common/certificates/certificate_request_flow.h"

#include "absl/time/clock.h"
#include "common/log/log.h"
#include "common/pki/certificate_request.h"
#include "common/util/strings.h"
#include "common/util/uuid.h"
#include "k8s/certificates/v1/certificates.pb.h"

namespace kube::certificates {
namespace {

using k8s::certificates::v1::CertificateSigningRequest;

// The issued certificate, once the request has one; an error if it was denied or
// failed; "" while it waits.
absl::StatusOr<std::string> Outcome(const CertificateSigningRequest& csr) {
  for (const auto& condition : csr.status().conditions()) {
    if (condition.type() == "Denied" || condition.type() == "Failed") {
      return absl::PermissionDeniedError(
          StrCat("certificate request ", csr.metadata().name(), " was ",
                 condition.type() == "Denied" ? "denied" : "failed", ": ", condition.reason(),
                 " ", condition.message()));
    }
  }
  return csr.status().certificate();
}

}  // namespace

absl::StatusOr<std::string> RequestCertificate(const client::Client& client, EVP_PKEY* key,
                                               const CertificateAsk& ask) {
  absl::StatusOr<std::string> request = pki::CreateCertificateRequest(ask.subject, key);
  if (!request.ok()) return request.status();
  CertificateSigningRequest csr;
  csr.mutable_metadata()->set_name(StrCat(
      ask.signer_name == "kubernetes.io/kubelet-serving" ? "csr-" : "node-csr-", util::NewUuid()));
  csr.mutable_spec()->set_request(*request);
  csr.mutable_spec()->set_signername(ask.signer_name);
  for (const std::string& usage : ask.usages) csr.mutable_spec()->add_usages(usage);
  absl::StatusOr<std::unique_ptr<CertificateSigningRequest>> created = client.Create(csr);
  if (!created.ok()) {
    return absl::Status(created.status().code(),
                        StrCat("creating the certificate request: ", created.status().message()));
  }
  const std::string name = (*created)->metadata().name();
  KLOG(Info) << "waiting for certificate request " << name << " (" << ask.signer_name
             << ") to be approved and signed";
  const absl::Time deadline = absl::Now() + ask.wait;
  while (true) {
    absl::StatusOr<std::unique_ptr<CertificateSigningRequest>> current =
        client.Get<CertificateSigningRequest>("", name);
    if (current.ok()) {
      absl::StatusOr<std::string> outcome = Outcome(**current);
      if (!outcome.ok() || !outcome->empty()) return outcome;
    } else {
      KLOG(Warning) << "reading certificate request " << name << ": "
                    << current.status().message();
    }
    if (absl::Now() >= deadline) {
      return absl::DeadlineExceededError(StrCat("certificate request ", name,
                                                " was not signed within ",
                                                absl::FormatDuration(ask.wait)));
    }
    absl::SleepFor(ask.poll);
  }
}

}  // namespace kube::certificates
