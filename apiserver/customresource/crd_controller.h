#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "apiserver/customresource/serving.h"
#include "apiserver/generic/store.h"
#include "apiserver/generic/store_informer.h"

namespace kube::apiserver::customresource {

// Upstream's apiextensions controllers, in process, over the CRD store: naming
// (status.acceptedNames and NamesAccepted, refusing names another CRD of the group
// holds), establishing (Established), serving (a Serving per established CRD,
// rebuilt when the CRD changes, handed to `publish`) and the cleanup finalizer
// (a deleted CRD is Terminating until every custom resource is deleted, then its
// finalizer goes and so does it).
class CrdController {
 public:
  using Servings = std::vector<std::shared_ptr<const Serving>>;
  struct Options {
    storage::Storage* storage = nullptr;  // not owned
    NamespaceCheck namespace_check;
    // The built-in caches' feeder, which custom resources' caches join; null: no
    // watch cache. Outlives the controller and every Serving it made.
    WatchCacheFeeder* feeder = nullptr;
    const admission::Chain* admission = nullptr;  // not owned
    // Called (on the controller's thread) whenever the set of servings changes.
    std::function<void(Servings)> publish;
  };

  // `crds` outlives the controller.
  CrdController(const Store& crds, Options options);
  ~CrdController();  // stops and joins the worker, then the informer

  // Waits (up to `timeout`) until the CRDs stored at start are served.
  bool WaitForSync(absl::Duration timeout);

 private:
  void Run();
  // One pass over every CRD: status, serving, cleanup. True while a deletion waits.
  bool SyncAll();
  // Writes `crd`'s status (conditions and accepted names) over the stored one's.
  void WriteStatus(const k8s::apiextensions::v1::CustomResourceDefinition& crd);
  // Deletes the custom resources of a terminating CRD; true once none are left.
  bool DeleteInstances(const Serving& serving);
  void RemoveFinalizer(const std::string& name);
  // Hands the current servings to options_.publish.
  void Publish();

  const Store& crds_;
  const Options options_;
  absl::Mutex mu_;
  bool dirty_ ABSL_GUARDED_BY(mu_) = true;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  bool synced_ ABSL_GUARDED_BY(mu_) = false;
  // By CRD name; only the worker thread touches it.
  std::map<std::string, std::shared_ptr<const Serving>> servings_;
  std::thread worker_;
  std::unique_ptr<StoreInformer> informer_;  // last: its thread marks dirty_
};

}  // namespace kube::apiserver::customresource
