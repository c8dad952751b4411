#include "controller-manager/csrapproving/csr_approving_controller.h"

#include <set>

#include "absl/time/clock.h"
#include "common/auth/delegating/subject_access_review_authorizer.h"
#include "common/log/log.h"
#include "common/pki/certificate_request.h"
#include "controller-manager/controller/certificate_requests.h"

namespace kube::kcm::csrapproving {
namespace {

using k8s::certificates::v1::CertificateSigningRequest;

constexpr int kWorkers = 5;

bool Decided(const CertificateSigningRequest& csr) {
  for (const auto& condition : csr.status().conditions()) {
    if (condition.type() == "Approved" || condition.type() == "Denied") return true;
  }
  return !csr.status().certificate().empty();
}

}  // namespace

CsrApprovingController::CsrApprovingController(ControllerContext& context)
    : client_(context.client),
      reviews_(std::make_unique<auth::SubjectAccessReviewAuthorizer>(
          context.client.shared_transport(), absl::ZeroDuration(), absl::ZeroDuration())),
      requests_(context.informers.For<CertificateSigningRequest>()),
      controller_(
          [this] {
            client::ControllerOptions o;
            o.name = "csrapproving";
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

absl::Status CsrApprovingController::Run() { return controller_.Run(kWorkers); }

absl::StatusOr<bool> CsrApprovingController::RequesterMay(const CertificateSigningRequest& csr,
                                                          const std::string& subresource) {
  auth::UserInfo requester;
  requester.name = csr.spec().username();
  requester.uid = csr.spec().uid();
  requester.groups.assign(csr.spec().groups().begin(), csr.spec().groups().end());
  for (const auto& [key, values] : csr.spec().extra()) {
    requester.extra[key].assign(values.items().begin(), values.items().end());
  }
  auth::Attributes attributes;
  attributes.user = &requester;
  attributes.verb = "create";
  attributes.resource_request = true;
  attributes.api_group = "certificates.k8s.io";
  attributes.api_version = "*";
  attributes.resource = "certificatesigningrequests";
  attributes.subresource = subresource;
  std::string reason;
  absl::StatusOr<auth::Decision> decision = reviews_->Authorize(attributes, &reason);
  if (!decision.ok()) return decision.status();
  return *decision == auth::Decision::kAllow;
}

absl::Status CsrApprovingController::Sync(const std::string& key) {
  const std::string name = client::SplitObjectKey(key).second;  // cluster-scoped
  std::shared_ptr<const CertificateSigningRequest> csr = requests_.lister().Get("", name);
  if (csr == nullptr || Decided(*csr)) return absl::OkStatus();
  absl::StatusOr<pki::CertificateRequestInfo> request =
      pki::ParseCertificateRequest(csr->spec().request());
  if (!request.ok() || !IsKubeletClientRequest(*csr, *request)) return absl::OkStatus();

  // A node renewing its own certificate, else a bootstrap token asking for one.
  const bool self = csr->spec().username() == request->common_name;
  std::string message;
  for (const auto& [subresource, why] :
       std::vector<std::pair<std::string, std::string>>{
           {"selfnodeclient", "Auto approving self kubelet client certificate after "
                              "SubjectAccessReview."},
           {"nodeclient", "Auto approving kubelet client certificate after "
                          "SubjectAccessReview."}}) {
    if (subresource == "selfnodeclient" && !self) continue;
    absl::StatusOr<bool> allowed = RequesterMay(*csr, subresource);
    if (!allowed.ok()) return allowed.status();
    if (*allowed) {
      message = why;
      break;
    }
  }
  if (message.empty()) {
    VLOG(2) << "csrapproving: " << name << " from " << csr->spec().username()
            << " is not for auto-approval; it waits for a person";
    return absl::OkStatus();
  }
  CertificateSigningRequest approved = *csr;
  auto* condition = approved.mutable_status()->add_conditions();
  condition->set_type("Approved");
  condition->set_status("True");
  condition->set_reason("AutoApproved");
  condition->set_message(message);
  condition->mutable_lastupdatetime()->set_seconds(absl::ToUnixSeconds(absl::Now()));
  absl::StatusOr<client::ObjectPtr> written =
      client_.transport().Update(client::ResourceFor<CertificateSigningRequest>(), "", approved,
                                 {}, "approval");
  if (absl::IsNotFound(written.status())) return absl::OkStatus();
  if (written.ok()) KLOG(Info) << "csrapproving: approved " << name << ": " << message;
  return written.status();
}

}  // namespace kube::kcm::csrapproving
