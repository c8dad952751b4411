#include "apiserver/admission/certificates/certificate_admission.h"

#include "common/api/errors.h"
#include "common/pki/certificate_request.h"
#include "common/util/strings.h"
#include "k8s/certificates/v1/certificates.pb.h"

namespace kube::apiserver::admission {
namespace {

using k8s::certificates::v1::CertificateSigningRequest;

constexpr char kCertificatesGroup[] = "certificates.k8s.io";
constexpr char kApiserverClientSigner[] = "kubernetes.io/kube-apiserver-client";

bool IsCsr(const Request& request) {
  return request.resource->group == kCertificatesGroup &&
         request.resource->resource == "certificatesigningrequests";
}

const CertificateSigningRequest& Csr(const google::protobuf::Message* object) {
  return static_cast<const CertificateSigningRequest&>(*object);
}

absl::Status Forbidden(const Request& request, std::string_view reason) {
  return api::ForbiddenError(request.resource->QualifiedResource(), request.name, reason);
}

absl::Status CheckSigner(const auth::Authorizer& authorizer, const Request& request,
                         const std::string& verb) {
  const std::string& signer = Csr(request.object).spec().signername();
  absl::StatusOr<bool> allowed = AuthorizedForSigner(authorizer, *request.user, verb, signer);
  if (!allowed.ok()) return allowed.status();
  if (*allowed) return absl::OkStatus();
  return Forbidden(request, StrCat("user not permitted to ", verb,
                                   " requests with signerName \"", signer, "\""));
}

}  // namespace

absl::StatusOr<bool> AuthorizedForSigner(const auth::Authorizer& authorizer,
                                         const auth::UserInfo& user, const std::string& verb,
                                         const std::string& signer_name) {
  std::vector<std::string> names = {signer_name};
  if (size_t slash = signer_name.find('/'); slash != std::string::npos) {
    names.push_back(signer_name.substr(0, slash) + "/*");
  }
  for (const std::string& name : names) {
    auth::Attributes attributes;
    attributes.user = &user;
    attributes.verb = verb;
    attributes.resource_request = true;
    attributes.api_group = kCertificatesGroup;
    attributes.api_version = "*";
    attributes.resource = "signers";
    attributes.name = name;
    std::string reason;
    absl::StatusOr<auth::Decision> decision = authorizer.Authorize(attributes, &reason);
    if (!decision.ok()) return decision.status();
    if (*decision == auth::Decision::kAllow) return true;
  }
  return false;
}

absl::Status CertificateRequester::Admit(Request& request) const {
  if (!IsCsr(request) || request.operation != Operation::kCreate) return absl::OkStatus();
  auto& spec = *static_cast<CertificateSigningRequest*>(request.object)->mutable_spec();
  spec.set_username(request.user->name);
  spec.set_uid(request.user->uid);
  spec.clear_groups();
  for (const std::string& group : request.user->groups) spec.add_groups(group);
  spec.clear_extra();
  for (const auto& [key, values] : request.user->extra) {
    auto& extra = (*spec.mutable_extra())[key];
    for (const std::string& value : values) extra.add_items(value);
  }
  return absl::OkStatus();
}

absl::Status CertificateApproval::Validate(const Request& request) const {
  if (!IsCsr(request) || request.subresource != "approval") return absl::OkStatus();
  // As upstream: any write to /approval, even one that changes no condition.
  return CheckSigner(authorizer_, request, "approve");
}

absl::Status CertificateSigning::Validate(const Request& request) const {
  if (!IsCsr(request) || request.subresource != "status") return absl::OkStatus();
  if (Csr(request.object).status().certificate() ==
      Csr(request.old_object).status().certificate()) {
    return absl::OkStatus();
  }
  return CheckSigner(authorizer_, request, "sign");
}

absl::Status CertificateSubjectRestriction::Validate(const Request& request) const {
  if (!IsCsr(request) || request.operation != Operation::kCreate) return absl::OkStatus();
  const auto& spec = Csr(request.object).spec();
  if (spec.signername() != kApiserverClientSigner) return absl::OkStatus();
  absl::StatusOr<pki::CertificateRequestInfo> parsed = pki::ParseCertificateRequest(spec.request());
  if (!parsed.ok()) return absl::OkStatus();  // validation refuses it
  for (const std::string& organization : parsed->organizations) {
    if (organization == "system:masters") {
      return Forbidden(request, "use of kubernetes.io/kube-apiserver-client signer with "
                                "system:masters group is not allowed");
    }
  }
  return absl::OkStatus();
}

}  // namespace kube::apiserver::admission
