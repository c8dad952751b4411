#pragma once

// Builds OpenAPI schemas for API messages from their descriptors and the annotations
// of proto/k8s/options.proto, shaped as upstream's generated documents.

#include <set>
#include <vector>

#include <google/protobuf/descriptor.h>

#include "apiserver/openapi/json_tree.h"
#include "apiserver/openapi/schema_names.h"

namespace kube::apiserver::openapi {

// Collects definitions: Add a message and it, plus every message it reaches, gets a
// schema under its upstream name. Not thread-safe; used once at start-up.
//
// Shapes: properties by JSON name, inline members flattened into the parent; scalars as
// integer/int32, integer/int64, number/double, boolean, string, string/byte; maps as
// object + additionalProperties; repeated as array + items; messages as $ref (in v3
// wrapped in allOf when the property has siblings, as upstream does). The special JSON
// forms (IntOrString, Quantity, Time, ...) are spelled as upstream spells them per
// flavor. Strategic-merge metadata appears as x-kubernetes-patch-merge-key and
// x-kubernetes-patch-strategy, and kinds carry x-kubernetes-group-version-kind.
class SchemaBuilder {
 public:
  explicit SchemaBuilder(Flavor flavor) : flavor_(flavor) {}

  // Adds `message` and everything it references. Adding again is a no-op.
  void Add(const google::protobuf::Descriptor* message);

  // name -> schema, sorted by name.
  const Json& definitions() const { return definitions_; }
  Json TakeDefinitions() { return std::move(definitions_); }

 private:
  Json MessageSchema(const google::protobuf::Descriptor* message);
  // Adds the properties of `message` (inline members flattened) that `properties`
  // does not have yet; the outer message wins a name clash, as in Go.
  void AddProperties(const google::protobuf::Descriptor* message, Json& properties);
  Json FieldSchema(const google::protobuf::FieldDescriptor* field);
  // The schema of one value of `field`: the field itself, an array element, or a map
  // value. `element` marks the latter two.
  Json ValueSchema(const google::protobuf::FieldDescriptor* field, bool element);
  // A reference to `message` (queued for definition) with `siblings` beside it.
  Json Reference(const google::protobuf::Descriptor* message, Json siblings);
  // `schema` with the members of `siblings` added (a bare v3 $ref is wrapped in allOf).
  Json WithSiblings(Json schema, Json siblings) const;

  const Flavor flavor_;
  Json definitions_ = Json::MakeObject();
  std::set<const google::protobuf::Descriptor*> seen_;
  std::vector<const google::protobuf::Descriptor*> pending_;
};

}  // namespace kube::apiserver::openapi
