#pragma once

#include <map>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/client/informer.h"
#include "common/client/resources.h"
#include "common/client/typed_informer.h"

namespace kube::client {

// One shared informer per resource for a whole process (client-go's
// SharedInformerFactory), so that controllers watching the same kind share one
// watch and one cache. Every informer uses the factory's options (namespace,
// selectors, resync); make another factory, or an Informer<T> of its own, for a
// filtered one. Thread-safe.
class InformerFactory {
 public:
  explicit InformerFactory(std::shared_ptr<Transport> transport, InformerOptions options = {});
  // Stops every informer.
  ~InformerFactory();
  InformerFactory(const InformerFactory&) = delete;
  InformerFactory& operator=(const InformerFactory&) = delete;

  // The informer of T's resource, made on first use. It starts with Start(), or at
  // once when Start() was called before.
  template <typename T>
  Informer<T> For() {
    return Informer<T>(ForResource(ResourceFor<T>()));
  }
  std::shared_ptr<SharedInformer> ForResource(const Resource& resource);

  // Starts every informer made so far and, from now on, each one as it is made.
  void Start();
  // Stops them all (in parallel).
  void Stop();
  // Waits until every informer made so far has synced; false on timeout.
  bool WaitForCacheSync(absl::Duration timeout);

 private:
  const std::shared_ptr<Transport> transport_;
  const InformerOptions options_;

  absl::Mutex mu_;
  // By "group/plural".
  std::map<std::string, std::shared_ptr<SharedInformer>> informers_ ABSL_GUARDED_BY(mu_);
  bool started_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace kube::client
