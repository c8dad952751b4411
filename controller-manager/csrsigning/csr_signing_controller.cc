#include "controller-manager/csrsigning/csr_signing_controller.h"

#include <algorithm>

#include "absl/time/clock.h"
#include "common/log/log.h"
#include "common/pki/certificate_authority.h"
#include "common/pki/certificate_request.h"
#include "common/tls/pem.h"
#include "common/pki/pki_files.h"
#include "common/util/strings.h"
#include "controller-manager/controller/certificate_requests.h"

namespace kube::kcm::csrsigning {
namespace {

using k8s::certificates::v1::CertificateSigningRequest;

constexpr int kWorkers = 2;

bool HasCondition(const CertificateSigningRequest& csr, std::string_view type) {
  for (const auto& condition : csr.status().conditions()) {
    if (condition.type() == type && condition.status() == "True") return true;
  }
  return false;
}

bool OurSigner(const std::string& signer) {
  return signer == kKubeletClientSigner || signer == kKubeletServingSigner ||
         signer == kApiserverClientSigner;
}

}  // namespace

absl::StatusOr<std::unique_ptr<CsrSigningController>> CsrSigningController::Create(
    ControllerContext& context) {
  const ControllerSettings& settings = context.settings;
  absl::StatusOr<tls::X509Ptr> ca = pki::ReadCertificateFile(settings.cluster_signing_cert_file);
  if (!ca.ok()) {
    return absl::InvalidArgumentError(
        StrCat("--cluster-signing-cert-file: ", ca.status().message()));
  }
  absl::StatusOr<tls::EvpPkeyPtr> key = pki::ReadPrivateKeyFile(settings.cluster_signing_key_file);
  if (!key.ok()) {
    return absl::InvalidArgumentError(
        StrCat("--cluster-signing-key-file: ", key.status().message()));
  }
  return std::unique_ptr<CsrSigningController>(
      new CsrSigningController(context, *std::move(ca), *std::move(key)));
}

CsrSigningController::CsrSigningController(ControllerContext& context, tls::X509Ptr ca,
                                           tls::EvpPkeyPtr ca_key)
    : client_(context.client),
      ca_(std::move(ca)),
      ca_key_(std::move(ca_key)),
      max_duration_(context.settings.cluster_signing_duration),
      requests_(context.informers.For<CertificateSigningRequest>()),
      controller_(
          [this] {
            client::ControllerOptions o;
            o.name = "csrsigning";
            o.cache_synced = {[this] { return requests_.HasSynced(); }};
            return o;
          }(),
          [this](const std::string& key) { return Sync(key); }) {
  requests_.AddEventHandler({
      .on_add = [this](const auto& csr) { controller_.Enqueue(client::ObjectKey(*csr)); },
      .on_update = [this](const auto&, const auto& csr) {
        controller_.Enqueue(client::ObjectKey(*csr));
      },
  });
}

absl::Status CsrSigningController::Run() { return controller_.Run(kWorkers); }

absl::Status CsrSigningController::Sync(const std::string& key) {
  const std::string name = client::SplitObjectKey(key).second;  // cluster-scoped
  std::shared_ptr<const CertificateSigningRequest> csr = requests_.lister().Get("", name);
  if (csr == nullptr || !OurSigner(csr->spec().signername())) return absl::OkStatus();
  if (!HasCondition(*csr, "Approved") || HasCondition(*csr, "Denied") ||
      HasCondition(*csr, "Failed") || !csr->status().certificate().empty()) {
    return absl::OkStatus();
  }
  absl::StatusOr<pki::CertificateRequestInfo> request =
      pki::ParseCertificateRequest(csr->spec().request());
  if (!request.ok()) return Fail(*csr, std::string(request.status().message()));
  if (std::string problem = SignerValidationError(*csr, *request); !problem.empty()) {
    return Fail(*csr, problem);
  }
  pki::CertificateSpec spec;
  spec.common_name = request->common_name;
  spec.organizations = request->organizations;
  spec.dns_names = request->dns_names;
  spec.ip_addresses = request->ip_addresses;
  const auto& usages = csr->spec().usages();
  spec.client_auth = std::find(usages.begin(), usages.end(), "client auth") != usages.end();
  spec.server_auth = std::find(usages.begin(), usages.end(), "server auth") != usages.end();
  spec.validity = max_duration_;
  if (csr->spec().has_expirationseconds()) {
    spec.validity = std::min(spec.validity, absl::Seconds(csr->spec().expirationseconds()));
  }
  absl::StatusOr<tls::X509Ptr> certificate =
      pki::IssueCertificate(spec, request->public_key.get(), ca_.get(), ca_key_.get());
  if (!certificate.ok()) return Fail(*csr, std::string(certificate.status().message()));
  absl::StatusOr<std::string> pem = tls::CertificateToPem(certificate->get());
  if (!pem.ok()) return pem.status();
  CertificateSigningRequest signed_csr = *csr;
  signed_csr.mutable_status()->set_certificate(*pem);
  absl::StatusOr<std::unique_ptr<CertificateSigningRequest>> written =
      client_.UpdateStatus(signed_csr);
  if (absl::IsNotFound(written.status())) return absl::OkStatus();
  if (written.ok()) {
    KLOG(Info) << "csrsigning: signed " << name << " (" << spec.common_name << ", "
               << csr->spec().signername() << ")";
  }
  return written.status();
}

absl::Status CsrSigningController::Fail(const CertificateSigningRequest& csr,
                                        const std::string& message) {
  CertificateSigningRequest failed = csr;
  auto* condition = failed.mutable_status()->add_conditions();
  condition->set_type("Failed");
  condition->set_status("True");
  condition->set_reason("SignerValidationFailure");
  condition->set_message(message);
  condition->mutable_lastupdatetime()->set_seconds(absl::ToUnixSeconds(absl::Now()));
  KLOG(Warning) << "csrsigning: " << csr.metadata().name() << " cannot be signed: " << message;
  absl::StatusOr<std::unique_ptr<CertificateSigningRequest>> written = client_.UpdateStatus(failed);
  return absl::IsNotFound(written.status()) ? absl::OkStatus() : written.status();
}

}  // namespace kube::kcm::csrsigning
