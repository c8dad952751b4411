#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <google/protobuf/message.h>

#include "absl/status/statusor.h"
#include "apiserver/printers/table_printer.h"
#include "apiserver/registry/strategy.h"
#include "common/auth/user_info.h"

namespace kube::apiserver {

// Subresources a resource may serve besides the object itself.
struct Subresources {
  bool status = false;   // /status: spec and status written separately
  bool scale = false;    // /scale as autoscaling/v1 Scale
  bool binding = false;  // pods/binding
  bool eviction = false; // pods/eviction (policy/v1 Eviction)
  bool log = false;      // pods/log
  bool exec = false;     // pods/exec, pods/attach, pods/portforward
  bool finalize = false; // namespaces/finalize: only spec.finalizers change
  bool approval = false; // certificatesigningrequests/approval: only approval conditions change
};

// How a resource that is never stored (an access or token review) answers a create:
// from whom it comes (the requester), the namespace of the path ("" for cluster
// scope) and the object posted, the completed object (its status filled in).
using ReviewFunc = std::function<absl::StatusOr<std::unique_ptr<google::protobuf::Message>>(
    const auth::UserInfo& requester, std::string_view ns, const google::protobuf::Message& posted)>;

// A create-only subresource the server answers itself, never stored
// (serviceaccounts/token): from the requester, the object's namespace and name and
// the body posted (a `prototype`), the answer.
struct CreateSubresource {
  const google::protobuf::Message* prototype = nullptr;  // TokenRequest
  std::function<absl::StatusOr<std::unique_ptr<google::protobuf::Message>>(
      const auth::UserInfo& requester, std::string_view ns, std::string_view name,
      const google::protobuf::Message& posted)>
      create;
};

// A resource served in one version but stored as another resource's objects, as
// upstream keeps one storage version per resource: autoscaling/v1
// HorizontalPodAutoscalers are autoscaling/v2 objects in storage, events.k8s.io/v1
// Events are core/v1 Events. Conversions must round-trip what the served version
// can say (upstream keeps the rest of a newer version in annotations).
struct StorageConversion {
  std::string group;    // the stored resource: "autoscaling"
  std::string version;  // "v2"
  std::string kind;     // "HorizontalPodAutoscaler"
  std::function<absl::StatusOr<std::unique_ptr<google::protobuf::Message>>(
      const google::protobuf::Message& served)>
      to_storage;
  std::function<absl::StatusOr<std::unique_ptr<google::protobuf::Message>>(
      const google::protobuf::Message& stored)>
      from_storage;
};

// Where a custom resource keeps what its /scale subresource shows (the CRD's
// subresources.scale): simple JSONPaths such as ".spec.replicas".
struct ScalePaths {
  std::string spec_replicas;
  std::string status_replicas;
  std::string label_selector;  // "" when the CRD names none
};

// Everything the server knows about one resource: how it is named on the wire and
// in discovery, its message types, and the strategy and printer that specialise
// the generic handlers. Immutable once registered; shared by every request.
struct ResourceInfo {
  std::string group;        // "" for core, "apps", ...
  std::string version;      // "v1"
  std::string kind;         // "Deployment"
  std::string resource;     // plural, lower case: "deployments"
  std::string singular;     // "deployment"
  bool namespaced = true;
  std::vector<std::string> short_names;  // {"deploy"}
  std::vector<std::string> categories;   // {"all"}
  const google::protobuf::Message* prototype = nullptr;       // Deployment
  const google::protobuf::Message* list_prototype = nullptr;  // DeploymentList
  Subresources subresources;
  std::unique_ptr<Strategy> strategy;      // never null once registered
  std::unique_ptr<TablePrinter> printer;   // null: the generic Name/Age printer
  // False for reviews: no storage, no store; only create is served, by `review`,
  // which the server sets once what reviews need (the request chain) exists.
  bool stored = true;
  ReviewFunc review;
  // By subresource name; set by the server at start.
  std::map<std::string, CreateSubresource> create_subresources;
  // Set when objects are stored as another version's: the store converts at its
  // boundary and runs that version's strategy. `strategy` is then unused.
  std::optional<StorageConversion> stored_as;
  // Served from a CustomResourceDefinition: objects are a json_remainder message,
  // stored and served as JSON only (no protobuf), and strategic merge patch is
  // refused (415), as upstream.
  bool custom_resource = false;
  // Run on every decoded write body (custom resources: the schema's pruning, as
  // upstream prunes while decoding); appends the paths it dropped, which
  // fieldValidation then treats as unknown fields.
  std::function<void(google::protobuf::Message& object, std::vector<std::string>& dropped)>
      prune;
  // Custom resources' /scale (with subresources.scale set).
  std::optional<ScalePaths> scale_paths;
  // A custom resource version's openAPIV3Schema as JSON ("" for none): what OpenAPI
  // publishes for the kind instead of its message type.
  std::string openapi_schema;

  // "v1" or "apps/v1".
  std::string ApiVersion() const { return group.empty() ? version : group + "/" + version; }
  // "pods", "deployments.apps": how error messages name the resource.
  std::string QualifiedResource() const { return group.empty() ? resource : resource + "." + group; }
  // Where objects live in storage: "/registry/pods/", "/registry/apps/deployments/".
  std::string StoragePrefix() const {
    return group.empty() ? "/registry/" + resource + "/" : "/registry/" + group + "/" + resource + "/";
  }
};

}  // namespace kube::apiserver
