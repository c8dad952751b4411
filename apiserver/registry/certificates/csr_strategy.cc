#include "apiserver/registry/certificates/csr_strategy.h"

#include <set>

#include "absl/time/clock.h"
#include "common/pki/certificate_request.h"
#include "common/util/strings.h"
#include "common/validation/names.h"
#include "k8s/certificates/v1/certificates.pb.h"

namespace kube::apiserver {
namespace {

using k8s::certificates::v1::CertificateSigningRequest;
using k8s::certificates::v1::CertificateSigningRequestCondition;
using Conditions = google::protobuf::RepeatedPtrField<CertificateSigningRequestCondition>;

const CertificateSigningRequest& Csr(const google::protobuf::Message& object) {
  return static_cast<const CertificateSigningRequest&>(object);
}
CertificateSigningRequest& Csr(google::protobuf::Message& object) {
  return static_cast<CertificateSigningRequest&>(object);
}

// Upstream's KeyUsage values.
const std::vector<std::string>& KnownUsages() {
  static const std::vector<std::string>* const usages = new std::vector<std::string>{
      "signing",          "digital signature", "content commitment", "key encipherment",
      "key agreement",    "data encipherment", "cert sign",          "crl sign",
      "encipher only",    "decipher only",     "any",                "server auth",
      "client auth",      "code signing",      "email protection",   "s/mime",
      "ipsec end system", "ipsec tunnel",      "ipsec user",         "timestamping",
      "ocsp signing",     "microsoft sgc",     "netscape sgc"};
  return *usages;
}

bool IsApproval(const CertificateSigningRequestCondition& condition) {
  return condition.type() == "Approved" || condition.type() == "Denied";
}

bool HasCondition(const Conditions& conditions, std::string_view type) {
  for (const auto& condition : conditions) {
    if (condition.type() == type && condition.status() == "True") return true;
  }
  return false;
}

// Fills the timestamps an approver or signer left out, as upstream does.
void StampConditions(Conditions& conditions, const Conditions& old) {
  const int64_t now = absl::ToUnixSeconds(absl::Now());
  for (auto& condition : conditions) {
    const CertificateSigningRequestCondition* before = nullptr;
    for (const auto& candidate : old) {
      if (candidate.type() == condition.type()) before = &candidate;
    }
    if (!condition.has_lastupdatetime()) {
      if (before != nullptr && before->status() == condition.status() &&
          before->has_lastupdatetime()) {
        *condition.mutable_lastupdatetime() = before->lastupdatetime();
      } else {
        condition.mutable_lastupdatetime()->set_seconds(now);
      }
    }
    if (!condition.has_lasttransitiontime()) {
      if (before != nullptr && before->status() == condition.status() &&
          before->has_lasttransitiontime()) {
        *condition.mutable_lasttransitiontime() = before->lasttransitiontime();
      } else {
        condition.mutable_lasttransitiontime()->set_seconds(now);
      }
    }
  }
}

// The signerName rule: "<DNS subdomain>/<path>".
std::string SignerNameError(const std::string& name) {
  size_t slash = name.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == name.size()) {
    return "must be a fully qualified domain and path of the form 'example.com/signer-name'";
  }
  if (!validation::IsDns1123Subdomain(name.substr(0, slash)).empty()) {
    return "the domain part must be a DNS subdomain (lower case letters, digits, '-' and '.')";
  }
  return "";
}

api::FieldErrors ValidateConditions(const CertificateSigningRequest& csr) {
  api::FieldErrors errors;
  std::set<std::string> seen;
  const auto& conditions = csr.status().conditions();
  for (int i = 0; i < conditions.size(); ++i) {
    const auto& condition = conditions[i];
    std::string field = StrCat("status.conditions[", i, "]");
    if (condition.type().empty()) errors.push_back(api::Required(field + ".type"));
    if (condition.status() != "True" && condition.status() != "False" &&
        condition.status() != "Unknown") {
      errors.push_back(
          api::NotSupported(field + ".status", condition.status(), {"False", "True", "Unknown"}));
    }
    if ((IsApproval(condition) || condition.type() == "Failed") &&
        !seen.insert(condition.type()).second) {
      errors.push_back(api::Duplicate(field + ".type", condition.type()));
    }
  }
  if (HasCondition(conditions, "Approved") && HasCondition(conditions, "Denied")) {
    errors.push_back(api::Invalid("status.conditions", "",
                                  "Approved and Denied conditions are mutually exclusive"));
  }
  return errors;
}

// What any update must keep: approval conditions are never removed, a certificate
// is set once, only on an approved, not failed request.
api::FieldErrors ValidateTransitions(const CertificateSigningRequest& csr,
                                     const CertificateSigningRequest& old) {
  api::FieldErrors errors = ValidateConditions(csr);
  for (const char* type : {"Approved", "Denied", "Failed"}) {
    if (HasCondition(old.status().conditions(), type) &&
        !HasCondition(csr.status().conditions(), type)) {
      errors.push_back(api::Forbidden(
          "status.conditions", StrCat("updates may not remove a condition of type \"", type, "\"")));
    }
  }
  const std::string& certificate = csr.status().certificate();
  if (!old.status().certificate().empty() && certificate != old.status().certificate()) {
    errors.push_back(api::Forbidden("status.certificate",
                                    "updates may not modify existing certificate content"));
  } else if (!certificate.empty() && old.status().certificate().empty()) {
    if (!HasCondition(csr.status().conditions(), "Approved")) {
      errors.push_back(api::Forbidden("status.certificate",
                                      "certificate can only be set if an Approved condition is "
                                      "present"));
    } else if (HasCondition(csr.status().conditions(), "Failed")) {
      errors.push_back(api::Forbidden("status.certificate",
                                      "certificate cannot be set if a Failed condition is present"));
    } else if (certificate.find("-----BEGIN CERTIFICATE-----") == std::string::npos) {
      errors.push_back(api::Invalid("status.certificate", "<certificate data>",
                                    "must contain at least one CERTIFICATE PEM block"));
    }
  }
  return errors;
}

}  // namespace

void CertificateSigningRequestStrategy::Default(google::protobuf::Message& object) const {
  for (auto& condition : *Csr(object).mutable_status()->mutable_conditions()) {
    if (condition.status().empty()) condition.set_status("True");
  }
}

void CertificateSigningRequestStrategy::PrepareForCreate(google::protobuf::Message& object) const {
  Strategy::PrepareForCreate(object);
  Csr(object).clear_status();
}

void CertificateSigningRequestStrategy::PrepareForUpdate(google::protobuf::Message& object,
                                                         const google::protobuf::Message& old) const {
  // Only metadata changes through the object itself.
  *Csr(object).mutable_spec() = Csr(old).spec();
  *Csr(object).mutable_status() = Csr(old).status();
}

void CertificateSigningRequestStrategy::PrepareForStatusUpdate(
    google::protobuf::Message& object, const google::protobuf::Message& old) const {
  CertificateSigningRequest& csr = Csr(object);
  const CertificateSigningRequest& before = Csr(old);
  *csr.mutable_spec() = before.spec();
  // Approval conditions change only through /approval.
  Conditions kept;
  for (const auto& condition : csr.status().conditions()) {
    if (!IsApproval(condition)) *kept.Add() = condition;
  }
  for (const auto& condition : before.status().conditions()) {
    if (IsApproval(condition)) *kept.Add() = condition;
  }
  *csr.mutable_status()->mutable_conditions() = std::move(kept);
  StampConditions(*csr.mutable_status()->mutable_conditions(), before.status().conditions());
}

void CertificateSigningRequestStrategy::PrepareForApprovalUpdate(
    google::protobuf::Message& object, const google::protobuf::Message& old) const {
  CertificateSigningRequest& csr = Csr(object);
  const CertificateSigningRequest& before = Csr(old);
  *csr.mutable_spec() = before.spec();
  csr.mutable_status()->set_certificate(before.status().certificate());
  StampConditions(*csr.mutable_status()->mutable_conditions(), before.status().conditions());
}

api::FieldErrors CertificateSigningRequestStrategy::Validate(
    const google::protobuf::Message& object) const {
  const auto& spec = Csr(object).spec();
  api::FieldErrors errors;
  if (spec.request().empty()) {
    errors.push_back(api::Required("spec.request"));
  } else if (absl::StatusOr<pki::CertificateRequestInfo> parsed =
                 pki::ParseCertificateRequest(spec.request());
             !parsed.ok()) {
    errors.push_back(api::Invalid("spec.request", "<request data>", std::string(parsed.status().message())));
  }
  if (spec.signername().empty()) {
    errors.push_back(api::Required("spec.signerName"));
  } else if (std::string problem = SignerNameError(spec.signername()); !problem.empty()) {
    errors.push_back(api::Invalid("spec.signerName", spec.signername(), problem));
  }
  if (spec.has_expirationseconds() && spec.expirationseconds() < 600) {
    errors.push_back(api::InvalidNumber("spec.expirationSeconds", spec.expirationseconds(),
                                        "may not specify a duration less than 600 seconds (10 "
                                        "minutes)"));
  }
  if (spec.usages().empty()) errors.push_back(api::Required("spec.usages"));
  std::set<std::string> usages;
  for (int i = 0; i < spec.usages_size(); ++i) {
    const std::string& usage = spec.usages(i);
    std::string field = StrCat("spec.usages[", i, "]");
    const auto& known = KnownUsages();
    if (std::find(known.begin(), known.end(), usage) == known.end()) {
      errors.push_back(api::NotSupported(field, usage, known));
    } else if (!usages.insert(usage).second) {
      errors.push_back(api::Duplicate(field, usage));
    }
  }
  api::FieldErrors conditions = ValidateConditions(Csr(object));
  errors.insert(errors.end(), conditions.begin(), conditions.end());
  return errors;
}

api::FieldErrors CertificateSigningRequestStrategy::ValidateStatusUpdate(
    const google::protobuf::Message& object, const google::protobuf::Message& old) const {
  return ValidateTransitions(Csr(object), Csr(old));
}

api::FieldErrors CertificateSigningRequestStrategy::ValidateApprovalUpdate(
    const google::protobuf::Message& object, const google::protobuf::Message& old) const {
  return ValidateTransitions(Csr(object), Csr(old));
}

std::optional<std::string> CertificateSigningRequestStrategy::SelectableField(
    const google::protobuf::Message& object, std::string_view field) const {
  if (field == "spec.signerName") return Csr(object).spec().signername();
  return std::nullopt;
}

}  // namespace kube::apiserver
