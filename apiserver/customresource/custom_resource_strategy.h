#pragma once

#include <rapidjson/document.h>

#include <memory>

#include "apiserver/customresource/schema/custom_resource_schema.h"
#include "apiserver/registry/strategy.h"

namespace kube::apiserver::customresource {

// The write rules of one custom resource version, from its CRD: the schema's
// defaults (on write and on read), validation and pruning; the status subresource
// splitting writes between the object and /status; metadata.generation bumped by any
// change outside metadata and status (upstream's customResourceStrategy).
class CustomResourceStrategy : public Strategy {
 public:
  // `schema` is the version's openAPIV3Schema (null: none, everything is kept).
  CustomResourceStrategy(std::unique_ptr<const crd_schema::CustomResourceSchema> schema,
                         bool status_subresource);

  void Default(google::protobuf::Message& object) const override;
  void DefaultOnRead(google::protobuf::Message& object) const override;
  void PrepareForCreate(google::protobuf::Message& object) const override;
  void PrepareForUpdate(google::protobuf::Message& object,
                        const google::protobuf::Message& old) const override;
  void PrepareForStatusUpdate(google::protobuf::Message& object,
                              const google::protobuf::Message& old) const override;
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
  api::FieldErrors ValidateStatusUpdate(const google::protobuf::Message& object,
                                        const google::protobuf::Message& old) const override;
  bool NewGeneration(const google::protobuf::Message& object,
                     const google::protobuf::Message& old) const override;

  // Drops what the schema does not specify, appending the dropped paths.
  void Prune(google::protobuf::Message& object, std::vector<std::string>& dropped) const;

 private:
  // Applies the schema's defaults (and, with `dropped`, its pruning) to the whole object.
  void Apply(google::protobuf::Message& object, std::vector<std::string>* dropped) const;

  const std::unique_ptr<const crd_schema::CustomResourceSchema> schema_;
  const bool status_subresource_;
};

}  // namespace kube::apiserver::customresource
