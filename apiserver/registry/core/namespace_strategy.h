#pragma once

#include "apiserver/registry/strategy.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver::core {

// Namespaces: the kubernetes.io/metadata.name label, status.phase Active and the
// "kubernetes" spec finalizer on create; spec.finalizers hold a DELETE (phase
// Terminating) until the namespace controller empties them through /finalize.
class NamespaceStrategy : public Strategy {
 public:
  void Default(google::protobuf::Message& object) const override;
  void PrepareForCreate(google::protobuf::Message& object) const override;
  // Keeps the old spec.finalizers as well as the status: only /finalize and
  // /status change them.
  void PrepareForUpdate(google::protobuf::Message& object,
                        const google::protobuf::Message& old) const override;
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
  api::FieldErrors ValidateStatusUpdate(const google::protobuf::Message& object,
                                        const google::protobuf::Message& old) const override;
  NameRule name_rule() const override { return NameRule::kDnsLabel; }
  std::optional<std::string> SelectableField(const google::protobuf::Message& object,
                                             std::string_view field) const override;
  bool HasPendingFinalizers(const google::protobuf::Message& object) const override;
  void PrepareForDeletion(google::protobuf::Message& object) const override;
};

// For the namespaces/finalize subresource (not served yet): everything but
// spec.finalizers comes from `old`.
void PrepareNamespaceForFinalize(k8s::core::v1::Namespace& ns, const k8s::core::v1::Namespace& old);
api::FieldErrors ValidateNamespaceFinalize(const k8s::core::v1::Namespace& ns);

}  // namespace kube::apiserver::core
