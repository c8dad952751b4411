#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <google/protobuf/map.h>

#include "common/api/field_error.h"
#include "common/resource/quantity.h"
#include "k8s/resource/quantity.pb.h"

// Resource names and quantities, as upstream's validateResourceName family and
// ValidateResourceQuantityValue.
namespace kube::apiserver::core {

using ResourceList = google::protobuf::Map<std::string, k8s::resource::Quantity>;

// Which list of standard (unqualified) names a resource name is checked against.
enum class ResourceNameUse {
  kAny,        // validateResourceName: any standard resource
  kContainer,  // validateContainerResourceName: cpu, memory, ephemeral-storage, hugepages-*
  kQuota,      // ValidateResourceQuotaResourceName
};

// The quantity's value, or nullopt after appending an Invalid error at `field`
// with the parser's (upstream's) message.
std::optional<resource::Quantity> ParseQuantityField(const k8s::resource::Quantity& quantity,
                                                     const std::string& field,
                                                     api::FieldErrors& errors);
// The quantity's value when it parses; nullopt otherwise (no error recorded).
std::optional<resource::Quantity> ParseQuantity(const k8s::resource::Quantity& quantity);

void ValidateResourceName(std::string_view name, ResourceNameUse use, const std::string& field,
                          api::FieldErrors& errors);

// Parses, then requires >= 0 and a whole number for countable resources.
std::optional<resource::Quantity> ValidateQuantityValue(std::string_view resource_name,
                                                        const k8s::resource::Quantity& quantity,
                                                        const std::string& field,
                                                        api::FieldErrors& errors);

// Name and value of every entry of `list`, each under Key(path, name).
void ValidateResourceList(const ResourceList& list, ResourceNameUse use, const std::string& path,
                          api::FieldErrors& errors);

// Whether `name` is a hugepages-<size> resource.
bool IsHugePageResourceName(std::string_view name);

}  // namespace kube::apiserver::core
