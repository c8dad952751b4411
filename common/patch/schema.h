#pragma once

// What the protobuf schema says about a JSON value, as the patch engine needs it:
// which keys an object has, which lists merge by key, which values are opaque.
// Everything is read from descriptors and the options of proto/k8s/options.proto.

#include <string>
#include <string_view>

#include "google/protobuf/descriptor.h"

namespace kube::patch::internal {

// The type of one JSON value.
struct ValueType {
  // A JSON object holding the fields of this message (inline members flattened).
  const google::protobuf::Descriptor* message = nullptr;
  // A proto map: a JSON object whose values all have this (entry value) field's type.
  const google::protobuf::FieldDescriptor* map_value = nullptr;
  // A custom resource's content, which no message describes: objects are maps whose
  // values are deduced the same way, anything else atomic (structured-merge-diff's
  // deduced type).
  bool deduced = false;
  // None: a scalar, a special JSON form (Quantity, Time, RawExtension, ...) or a
  // value the schema does not describe. Such values are merged without a schema.

  bool IsMessage() const { return message != nullptr; }
  bool IsMap() const { return map_value != nullptr || deduced; }
  bool IsObject() const { return IsMessage() || IsMap(); }
};

// How a member of an object is patched.
struct FieldType {
  bool known = false;    // false: the key is not in the schema
  bool list = false;     // a repeated field (not a map): a JSON array
  ValueType value;       // the value, or each element of a list
  std::string_view merge_key;  // (k8s.merge_key), "" if none
  bool merge = false;          // patch_strategy contains "merge"
  bool replace = false;        // patch_strategy contains "replace"
  bool retain_keys = false;    // patch_strategy contains "retainKeys"
  // A non-pointer struct or a field without omitempty in Go: present (as {} or null)
  // whenever its parent is. Server-side apply's comparisons see it that way, as
  // upstream's do on Go objects.
  bool always_present = false;
};

// The type of a whole object of `message`.
inline ValueType RootType(const google::protobuf::Descriptor* message) { return {message, nullptr}; }

// The member `key` of an object of type `parent`. Schemaless parents accept any key
// (known, schemaless value); "kind" and "apiVersion" are scalars of every kind.
FieldType LookupField(const ValueType& parent, std::string_view key);

// The Go-like type name for error messages ("PodSpec", "map").
std::string TypeName(const ValueType& type);

// Server-side apply's view of a list (upstream's x-kubernetes-list-type).
enum class ListKind {
  kAtomic,       // replaced as a whole
  kAssociative,  // elements keyed by the merge key
  kSet,          // scalars, each its own key
};
ListKind KindOf(const FieldType& field);

}  // namespace kube::patch::internal
