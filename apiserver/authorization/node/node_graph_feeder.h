#pragma once

#include <memory>

#include "apiserver/authorization/node/node_graph.h"
#include "apiserver/generic/store_informer.h"

namespace kube::apiserver::node {

// Keeps a NodeGraph current from the pod and PersistentVolume stores, one
// in-process informer each (upstream's graph_populator). Owns their threads.
class NodeGraphFeeder {
 public:
  // None is owned; all outlive the feeder.
  NodeGraphFeeder(const Store& pods, const Store& volumes, NodeGraph& graph);

  // Waits (bounded) for the first lists, so the server does not answer kubelets
  // from an empty graph.
  bool WaitForSync(absl::Duration timeout);
  // Waits (bounded) until both feeds have applied every event they had seen.
  void CatchUp(absl::Duration timeout);

 private:
  std::unique_ptr<StoreInformer> pods_;
  std::unique_ptr<StoreInformer> volumes_;
};

}  // namespace kube::apiserver::node
