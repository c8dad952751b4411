#pragma once

// Reads the schema annotations of proto/k8s/options.proto through descriptors, and
// caches what the JSON decoder looks up per key. Internal to the codec.

#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "google/protobuf/descriptor.h"
#include "k8s/options.pb.h"

namespace kube::codec::internal {

k8s::JsonForm FormOf(const google::protobuf::Descriptor* message);
// The (k8s.api_version) of a kind, or "" for messages that carry no TypeMeta.
const std::string& ApiVersionOf(const google::protobuf::Descriptor* message);

bool IsPointer(const google::protobuf::FieldDescriptor* field);
bool IsAlwaysEmit(const google::protobuf::FieldDescriptor* field);
// True only for singular message fields marked (k8s.inline).
bool IsInline(const google::protobuf::FieldDescriptor* field);
// True only for singular string fields marked (k8s.json_remainder).
bool IsJsonRemainder(const google::protobuf::FieldDescriptor* field);
// Whether a field of `message` is one.
bool HasJsonRemainder(const google::protobuf::Descriptor* message);

// Where a JSON key of an object lands: `field`, reached from the object's message
// through the inline message fields in `via` (outermost first; usually none).
struct KeyRoute {
  std::vector<const google::protobuf::FieldDescriptor*> via;
  const google::protobuf::FieldDescriptor* field = nullptr;
};

using KeyRoutes = absl::flat_hash_map<std::string, KeyRoute>;

// The JSON keys of a message, inline members flattened (the outer field wins a name
// clash, as in Go). Built once per descriptor and kept for the life of the process, so
// descriptors must come from a pool that lives as long (the generated pool does).
const KeyRoutes& RoutesOf(const google::protobuf::Descriptor* message);

}  // namespace kube::codec::internal
