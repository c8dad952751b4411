#include "scheduler/cache/snapshot.h"

namespace kube::scheduler::cache {

const framework::NodeInfo* Snapshot::Get(std::string_view name) const {
  auto it = infos_.find(absl::string_view(name.data(), name.size()));
  return it == infos_.end() ? nullptr : it->second.get();
}

}  // namespace kube::scheduler::cache
