#include "common/client/informer_factory.h"

#include <vector>

#include "absl/time/clock.h"
#include "common/util/strings.h"

namespace kube::client {

InformerFactory::InformerFactory(std::shared_ptr<Transport> transport, InformerOptions options)
    : transport_(std::move(transport)), options_(std::move(options)) {}

InformerFactory::~InformerFactory() { Stop(); }

std::shared_ptr<SharedInformer> InformerFactory::ForResource(const Resource& resource) {
  absl::MutexLock lock(&mu_);
  std::shared_ptr<SharedInformer>& informer =
      informers_[StrCat(resource.group, "/", resource.resource)];
  if (informer == nullptr) {
    informer = std::make_shared<SharedInformer>(transport_, resource, options_);
    if (started_) informer->Start();
  }
  return informer;
}

void InformerFactory::Start() {
  absl::MutexLock lock(&mu_);
  started_ = true;
  for (auto& [name, informer] : informers_) informer->Start();
}

void InformerFactory::Stop() {
  std::vector<std::shared_ptr<SharedInformer>> informers;
  {
    absl::MutexLock lock(&mu_);
    for (auto& [name, informer] : informers_) informers.push_back(informer);
  }
  for (auto& informer : informers) informer->RequestStop();
  for (auto& informer : informers) informer->Stop();
}

bool InformerFactory::WaitForCacheSync(absl::Duration timeout) {
  std::vector<std::shared_ptr<SharedInformer>> informers;
  {
    absl::MutexLock lock(&mu_);
    for (auto& [name, informer] : informers_) informers.push_back(informer);
  }
  absl::Time deadline = absl::Now() + timeout;
  for (auto& informer : informers) {
    if (!informer->WaitForCacheSync(deadline - absl::Now())) return false;
  }
  return true;
}

}  // namespace kube::client
