#pragma once

#include "apiserver/registry/strategy.h"

namespace kube::apiserver {

// certificates.k8s.io/v1 CertificateSigningRequest (cluster-scoped), as upstream's
// three strategies: the object itself (spec fixed at creation, status cleared),
// /status (a signer's status.certificate and Failed condition; approval conditions
// kept), and /approval (Approved and Denied conditions; the certificate kept). The
// requester (spec.username, uid, groups, extra) is filled in by admission, which
// knows who asks. Validation is upstream's: a parseable PKCS#10 request, a
// qualified signerName, known usages, expirationSeconds >= 600, Approved and Denied
// exclusive and never removed, a certificate only on an approved request and never
// changed once set.
class CertificateSigningRequestStrategy final : public Strategy {
 public:
  void Default(google::protobuf::Message& object) const override;
  void PrepareForCreate(google::protobuf::Message& object) const override;
  void PrepareForUpdate(google::protobuf::Message& object,
                        const google::protobuf::Message& old) const override;
  void PrepareForStatusUpdate(google::protobuf::Message& object,
                              const google::protobuf::Message& old) const override;
  void PrepareForApprovalUpdate(google::protobuf::Message& object,
                                const google::protobuf::Message& old) const override;
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
  api::FieldErrors ValidateStatusUpdate(const google::protobuf::Message& object,
                                        const google::protobuf::Message& old) const override;
  api::FieldErrors ValidateApprovalUpdate(const google::protobuf::Message& object,
                                          const google::protobuf::Message& old) const override;
  NameRule name_rule() const override { return NameRule::kPathSegment; }
  std::optional<std::string> SelectableField(const google::protobuf::Message& object,
                                             std::string_view field) const override;
};

}  // namespace kube::apiserver
