#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <google/protobuf/descriptor.h>

#include "common/client/transport.h"

namespace kube::client {

// The built-in resources a client can reach, as `Resource` values: every kind of
// core/v1, apps/v1, batch/v1, coordination.k8s.io/v1, policy/v1, autoscaling/v1 and
// rbac.authorization.k8s.io/v1 that the apiserver serves. Built once on first use;
// the values live for the whole process, so callers may keep references.
// Thread-safe.
const std::vector<Resource>& BuiltInResources();

// By group ("" for core) and kind ("Deployment"); nullptr if unknown.
const Resource* FindResourceByKind(std::string_view group, std::string_view kind);

// By group and plural ("deployments"); nullptr if unknown.
const Resource* FindResourceByPlural(std::string_view group, std::string_view plural);

// By the message type of its objects (k8s.core.v1.Pod) or of its lists
// (k8s.core.v1.PodList); nullptr if unknown.
const Resource* FindResourceByType(const google::protobuf::Descriptor* type);

// "v1" or "apps/v1".
std::string ApiVersionOf(const Resource& resource);

// The name used in messages and RBAC: "pods", "deployments.apps".
std::string QualifiedName(const Resource& resource);

namespace internal {
// FindResourceByType, crashing with a message naming the type when it is not a
// built-in resource: asking for one is a programming error.
const Resource& ResourceForTypeOrDie(const google::protobuf::Descriptor* type);
}  // namespace internal

// The resource whose objects are T: ResourceFor<k8s::core::v1::Pod>().
template <typename T>
const Resource& ResourceFor() {
  static const Resource& resource = internal::ResourceForTypeOrDie(T::descriptor());
  return resource;
}

}  // namespace kube::client
