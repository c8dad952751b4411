#pragma once

#include "apiserver/admission/admission.h"
#include "common/auth/authorizer.h"

namespace kube::apiserver::admission {

// Who asked for a CertificateSigningRequest: spec.username, uid, groups and extra
// are the requester's, whatever was posted (upstream sets them in the strategy,
// which here does not see the user). Always on.
class CertificateRequester final : public Plugin {
 public:
  absl::Status Admit(Request& request) const override;
};

// Upstream's CertificateApproval: an Approved or Denied condition (/approval) only
// from a user who may "approve" signers/<signerName> (or signers/<domain>/*).
class CertificateApproval final : public Plugin {
 public:
  explicit CertificateApproval(const auth::Authorizer& authorizer) : authorizer_(authorizer) {}
  absl::Status Validate(const Request& request) const override;

 private:
  const auth::Authorizer& authorizer_;
};

// Upstream's CertificateSigning: status.certificate only from a user who may "sign"
// signers/<signerName> (or signers/<domain>/*).
class CertificateSigning final : public Plugin {
 public:
  explicit CertificateSigning(const auth::Authorizer& authorizer) : authorizer_(authorizer) {}
  absl::Status Validate(const Request& request) const override;

 private:
  const auth::Authorizer& authorizer_;
};

// Upstream's CertificateSubjectRestriction: no kubernetes.io/kube-apiserver-client
// request for the group system:masters (that would be cluster-admin forever).
class CertificateSubjectRestriction final : public Plugin {
 public:
  absl::Status Validate(const Request& request) const override;
};

// Whether `user` may `verb` ("approve", "sign") requests for `signer_name`:
// signers/<name>, or signers/<domain>/* (upstream's IsAuthorizedForSignerName).
absl::StatusOr<bool> AuthorizedForSigner(const auth::Authorizer& authorizer,
                                         const auth::UserInfo& user, const std::string& verb,
                                         const std::string& signer_name);

}  // namespace kube::apiserver::admission
