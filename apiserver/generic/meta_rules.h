#pragma once

#include <string>
#include <string_view>

#include <google/protobuf/message.h>

#include "absl/status/status.h"
#include "apiserver/registry/resource.h"
#include "k8s/meta/v1/meta.pb.h"

namespace kube::apiserver {

// The metadata the server owns, applied by the Store on every write.

// Puts the object in the request's namespace: fills an empty namespace, rejects a
// different one (400), clears it for cluster-scoped kinds.
absl::Status AssignNamespace(const ResourceInfo& resource, std::string_view ns,
                             k8s::meta::v1::ObjectMeta& meta);

// generateName plus five random characters, the prefix cut so the name fits 63.
std::string GenerateName(std::string_view prefix);

// On create: a new uid and creationTimestamp, generation 1 for kinds with a spec,
// and nothing a client may not set (resourceVersion, deletion fields, selfLink).
void StampForCreate(google::protobuf::Message& object);

// On update: identity, creation and deletion fields come from the stored object;
// generation goes up by one when the spec changed.
void CarryOverSystemMetadata(google::protobuf::Message& object,
                             const google::protobuf::Message& old);

// Whether `object` has a `spec` and it differs from `old`'s.
bool SpecChanged(const google::protobuf::Message& object, const google::protobuf::Message& old);

}  // namespace kube::apiserver
