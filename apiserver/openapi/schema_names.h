#pragma once

// How upstream names things in OpenAPI documents: definition names derived from our
// proto packages, references to them, and the group/version/kind of top-level kinds.

#include <optional>
#include <string>
#include <string_view>

#include <google/protobuf/descriptor.h>

#include "apiserver/openapi/json_tree.h"

namespace kube::apiserver::openapi {

// The info block of every document.
inline constexpr char kDocumentTitle[] = "Kubernetes";
inline constexpr char kDocumentVersion[] = "v1.32.0";

// Swagger 2.0 (/openapi/v2) or OpenAPI 3.0 (/openapi/v3/...).
enum class Flavor { kV2, kV3 };

struct GroupVersionKind {
  std::string group;    // "" for core
  std::string version;  // "v1"
  std::string kind;     // "Pod"
  // {"group":"","kind":"Pod","version":"v1"}
  Json ToJson() const;
};

// The upstream definition name of a message: k8s.core.v1.Pod -> io.k8s.api.core.v1.Pod,
// k8s.meta.v1.Time -> io.k8s.apimachinery.pkg.apis.meta.v1.Time.
std::string DefinitionName(const google::protobuf::Descriptor* message);

// "#/definitions/<name>" (v2) or "#/components/schemas/<name>" (v3).
std::string RefTo(Flavor flavor, const google::protobuf::Descriptor* message);
// The same for a definition named directly (a custom resource's).
std::string RefTo(Flavor flavor, std::string_view definition_name);

// The kind a message with (k8s.api_version) stands for, or nullopt.
std::optional<GroupVersionKind> KindOf(const google::protobuf::Descriptor* message);

// "apps/v1" -> {apps, v1}; "v1" -> {"", v1}. The kind is left empty.
GroupVersionKind ParseApiVersion(std::string_view api_version);

}  // namespace kube::apiserver::openapi
