#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <google/protobuf/message.h>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "common/client/transport.h"
#include "k8s/meta/v1/meta.pb.h"

namespace kube::kcm::garbagecollector {

inline constexpr char kOrphanFinalizer[] = "orphan";
inline constexpr char kForegroundFinalizer[] = "foregroundDeletion";

// What the collector remembers about one object.
struct GraphNode {
  std::string uid;
  const client::Resource* resource = nullptr;  // a BuiltInResources() entry
  std::string ns;
  std::string name;
  std::vector<k8s::meta::v1::OwnerReference> owners;
  bool being_deleted = false;        // deletionTimestamp is set
  bool deleting_dependents = false;  // ... with the foregroundDeletion finalizer
  bool orphaning = false;            // ... with the orphan finalizer
};

// GraphNode from an object of `resource`; nullopt if it has no metadata or uid.
std::optional<GraphNode> NodeFor(const client::Resource& resource,
                                 const google::protobuf::Message& object);

// The ownerReferences graph over every object the collector watches (upstream's
// GraphBuilder, without virtual nodes: owners the graph has not seen are checked
// against the server instead). Thread-safe: informer dispatch threads write it,
// workers read it.
class Graph {
 public:
  // Adds or replaces a node; returns the node it replaced, if any.
  std::optional<GraphNode> Upsert(GraphNode node);
  // Removes a node; returns it, if it was there.
  std::optional<GraphNode> Remove(const std::string& uid);

  std::optional<GraphNode> Get(const std::string& uid) const;
  // Nodes that list `owner_uid` among their owners.
  std::vector<GraphNode> DependentsOf(const std::string& owner_uid) const;
  size_t size() const;

 private:
  mutable absl::Mutex mu_;
  std::map<std::string, GraphNode> nodes_ ABSL_GUARDED_BY(mu_);
  // owner uid -> dependent uids. An owner may be here before (or without) a node.
  std::map<std::string, std::set<std::string>> dependents_ ABSL_GUARDED_BY(mu_);
};

}  // namespace kube::kcm::garbagecollector
