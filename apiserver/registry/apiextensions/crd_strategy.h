#pragma once

#include "apiserver/registry/strategy.h"

namespace kube::apiserver {

// apiextensions.k8s.io/v1 CustomResourceDefinition: upstream's defaults (singular,
// listKind, conversion None), validation (names, scope, exactly one storage version,
// a structural schema per version, printer columns, scale paths), the cleanup
// finalizer that lets the server delete every custom resource before the CRD goes,
// and status.storedVersions kept as versions become the storage version.
class CustomResourceDefinitionStrategy : public Strategy {
 public:
  void Default(google::protobuf::Message& object) const override;
  void PrepareForCreate(google::protobuf::Message& object) const override;
  void PrepareForUpdate(google::protobuf::Message& object,
                        const google::protobuf::Message& old) const override;
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
  api::FieldErrors ValidateUpdate(const google::protobuf::Message& object,
                                  const google::protobuf::Message& old) const override;
  bool NewGeneration(const google::protobuf::Message& object,
                     const google::protobuf::Message& old) const override;
};

// The finalizer the server removes once a deleted CRD's custom resources are gone.
inline constexpr std::string_view kCustomResourceCleanupFinalizer =
    "customresourcecleanup.apiextensions.k8s.io";

}  // namespace kube::apiserver
