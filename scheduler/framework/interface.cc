#include "scheduler/framework/interface.h"

#include <algorithm>

#include "common/util/strings.h"

namespace kube::scheduler::framework {

std::string PluginStatus::Message() const { return StrJoin(reasons_, ", "); }

void DefaultNormalizeScore(int64_t max_priority, bool reverse, std::vector<int64_t>& scores) {
  int64_t max_count = 0;
  for (int64_t score : scores) max_count = std::max(max_count, score);
  if (max_count == 0) {
    if (reverse) std::fill(scores.begin(), scores.end(), max_priority);
    return;
  }
  for (int64_t& score : scores) {
    score = max_priority * score / max_count;
    if (reverse) score = max_priority - score;
  }
}

}  // namespace kube::scheduler::framework
