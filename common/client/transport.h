#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <google/protobuf/message.h>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "k8s/meta/v1/meta.pb.h"

namespace kube::client {

using ObjectPtr = std::unique_ptr<google::protobuf::Message>;

// Names a resource on the wire and the message type of its objects.
struct Resource {
  std::string group;     // "" for core
  std::string version;   // "v1"
  std::string resource;  // plural: "pods"
  std::string kind;      // "Pod"
  bool namespaced = true;
  const google::protobuf::Message* prototype = nullptr;       // Pod
  const google::protobuf::Message* list_prototype = nullptr;  // PodList
};

struct ListOptions {
  std::string label_selector;
  std::string field_selector;
  int64_t limit = 0;
  std::string continue_token;
  std::string resource_version;
  std::string resource_version_match;
  // Watch only.
  bool allow_watch_bookmarks = false;
  int64_t timeout_seconds = 0;  // 0: the server's default
  // WatchList: the state first as ADDED events, ended by a BOOKMARK annotated
  // k8s.io/initial-events-end (needs resource_version_match "NotOlderThan").
  std::optional<bool> send_initial_events;
};

struct ListResult {
  std::vector<ObjectPtr> items;
  std::string resource_version;
  std::string continue_token;
};

struct WriteOptions {
  bool dry_run = false;
  std::string field_manager;
  std::string field_validation;  // "" (server default), Strict, Warn, Ignore
};

struct WatchEvent {
  std::string type;  // ADDED, MODIFIED, DELETED, BOOKMARK, ERROR
  ObjectPtr object;  // for ERROR: a k8s::meta::v1::Status
};

// One open watch. Next() blocks up to `timeout`; an empty vector means nothing
// arrived. An error, or end of stream (OutOfRange "watch closed"), ends it: the
// caller re-watches from the last resourceVersion it saw (or re-lists on 410).
class WatchStream {
 public:
  virtual ~WatchStream() = default;
  virtual absl::StatusOr<std::vector<WatchEvent>> Next(absl::Duration timeout) = 0;
};

// How a client reaches an API server: REST over HTTP (works with any Kubernetes
// apiserver) or our gRPC service. Errors are absl::Status values carrying the
// server's Kubernetes Status (see common/api/errors.h: NotFound, AlreadyExists,
// Aborted for 409 Conflict, OutOfRange for 410, ...). Thread-safe.
class Transport {
 public:
  virtual ~Transport() = default;

  // `ns` is ignored for cluster-scoped resources; "" lists across namespaces.
  virtual absl::StatusOr<ObjectPtr> Get(const Resource& resource, const std::string& ns,
                                        const std::string& name,
                                        const std::string& subresource = "") = 0;
  virtual absl::StatusOr<ListResult> List(const Resource& resource, const std::string& ns,
                                          const ListOptions& options) = 0;
  // With a subresource ("binding", "eviction"), `object` is that subresource's kind.
  virtual absl::StatusOr<ObjectPtr> Create(const Resource& resource, const std::string& ns,
                                           const google::protobuf::Message& object,
                                           const WriteOptions& options = {},
                                           const std::string& subresource = "") = 0;
  // PUT; subresource "status" writes the status only, "scale" a Scale.
  virtual absl::StatusOr<ObjectPtr> Update(const Resource& resource, const std::string& ns,
                                           const google::protobuf::Message& object,
                                           const WriteOptions& options = {},
                                           const std::string& subresource = "") = 0;
  // `patch_type` is the media type (application/merge-patch+json, ...).
  virtual absl::StatusOr<ObjectPtr> Patch(const Resource& resource, const std::string& ns,
                                          const std::string& name, const std::string& patch_type,
                                          const std::string& patch,
                                          const WriteOptions& options = {},
                                          const std::string& subresource = "") = 0;
  // Returns the object as last stored when the server returns it (pods, or objects
  // only marked for deletion); nullptr when the server answered with a Status.
  virtual absl::StatusOr<ObjectPtr> Delete(const Resource& resource, const std::string& ns,
                                           const std::string& name,
                                           const k8s::meta::v1::DeleteOptions& options = {}) = 0;
  virtual absl::StatusOr<std::unique_ptr<WatchStream>> Watch(const Resource& resource,
                                                             const std::string& ns,
                                                             const ListOptions& options) = 0;
};

}  // namespace kube::client
