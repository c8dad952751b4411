#pragma once

#include <google/protobuf/message.h>

#include <string_view>

#include "absl/status/statusor.h"

namespace kube::api {

// The message types of one custom resource version, for the apiserver that serves
// it and for clients that handle every kind (the namespace deleter): `Kind` holds typed metadata
// and every other member in a (k8s.json_remainder) string field, and carries
// (k8s.api_version), so the codec, the scheme's kind lookup, the generic store, the
// watch cache and the patch engine treat it as any built-in kind; `ListKind` is
// its list.
struct CustomResourceTypes {
  const google::protobuf::Message* prototype = nullptr;
  const google::protobuf::Message* list_prototype = nullptr;
};

// The types for apiVersion `group`/`version`, `kind` and `list_kind`, built the
// first time they are asked for and kept for the life of the process: the codec
// caches per-type tables keyed by descriptor, as it does for generated types, so
// descriptors must never be freed. A CRD changed or deleted and created again
// reuses its types, so the pool grows only with distinct kinds. Thread-safe.
// InvalidArgument when a name is not a protobuf identifier (a kind with '-').
absl::StatusOr<CustomResourceTypes> TypesFor(std::string_view group, std::string_view version,
                                             std::string_view kind, std::string_view list_kind);

}  // namespace kube::api
