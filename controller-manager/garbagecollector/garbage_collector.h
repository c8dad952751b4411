#pragma once

#include <deque>

#include <memory>
#include <string>
#include <vector>

#include "common/client/client.h"
#include "common/client/controller.h"
#include "common/client/informer.h"
#include "controller-manager/controller/context.h"
#include "controller-manager/controller/interface.h"
#include "controller-manager/garbagecollector/graph.h"

namespace kube::kcm::garbagecollector {

// The "garbagecollector" loop. It watches every built-in resource but events,
// keeps the ownerReferences graph, and works on object UIDs:
//  - a dependent none of whose owners exist any more is deleted (Background
//    propagation, the default); owners that are gone are dropped from a dependent
//    that still has a live one;
//  - an owner being deleted with the `orphan` finalizer (propagationPolicy Orphan,
//    `kubectl delete --cascade=orphan`) has its reference removed from every
//    dependent, then the finalizer;
//  - an owner being deleted with `foregroundDeletion` gets its dependents deleted
//    (foreground themselves when they have dependents), and loses the finalizer
//    once no dependent with blockOwnerDeletion is left.
// The apiserver adds those finalizers on DELETE; this loop completes the work.
//
// Threads: informer dispatch threads update the graph and enqueue UIDs; workers
// process one UID at a time and read the objects fresh from the server.
class GarbageCollector : public ControllerInterface {
 public:
  explicit GarbageCollector(ControllerContext& context);
  ~GarbageCollector() override;

  absl::Status Run() override { return controller_.Run(workers_); }
  void Stop() override { controller_.Stop(); }
  std::vector<client::WorkQueueMetrics> QueueMetrics() override {
    return {controller_.queue().Metrics()};
  }

 private:
  enum class OwnerState { kExists, kAbsent, kWaitingForDependents };

  void OnUpsert(const client::Resource& resource, const google::protobuf::Message& object);
  void OnDelete(const client::Resource& resource, const google::protobuf::Message& object);

  absl::Status Process(const std::string& uid);
  absl::Status Orphan(const GraphNode& owner);
  absl::Status DeleteDependents(const GraphNode& owner);
  absl::Status CheckOwners(const GraphNode& node);
  absl::StatusOr<OwnerState> StateOf(const k8s::meta::v1::OwnerReference& ref,
                                     const std::string& dependent_ns);

  // Reads the object fresh, applies `edit` to its metadata and writes it back,
  // retrying conflicts. NotFound (or a uid that no longer matches) is success.
  absl::Status EditMetadata(const GraphNode& node,
                            const std::function<bool(k8s::meta::v1::ObjectMeta&)>& edit);
  absl::Status DeleteObject(const GraphNode& node, const std::string& propagation);

  // Watches `resource` (stable: built-in or in custom_resources_) into the graph.
  void Watch(client::InformerFactory& informers, const client::Resource* resource);
  // The CRDs changed: watches the custom resources not watched yet.
  void WatchCustomResources(client::InformerFactory& informers);
  // A custom resource's kind (by group and kind), or nullptr.
  const client::Resource* FindCustomResource(const std::string& group, const std::string& kind);

  const int workers_;
  const client::Client client_;
  absl::Mutex mu_;
  std::vector<std::shared_ptr<client::SharedInformer>> informers_ ABSL_GUARDED_BY(mu_);
  // The kinds CRDs define, watched once seen; never removed (a CRD deleted and made
  // again is the same resource), so informer handlers may point into it.
  std::deque<client::Resource> custom_resources_ ABSL_GUARDED_BY(mu_);
  std::shared_ptr<client::SharedInformer> crds_;  // set in the constructor
  Graph graph_;  // thread-safe
  client::Controller controller_;
};

}  // namespace kube::kcm::garbagecollector
