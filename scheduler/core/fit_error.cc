#include "scheduler/core/fit_error.h"

#include <algorithm>
#include <vector>

#include "common/util/strings.h"

namespace kube::scheduler::core {

std::string FitError::Message() const {
  if (num_all_nodes == 0) return "no nodes available to schedule pods";
  std::string message = StrCat("0/", num_all_nodes, " nodes are available:");
  if (!pre_filter_message.empty()) return StrCat(message, " ", pre_filter_message, ".");
  std::vector<std::string> histogram;
  for (const auto& [reason, count] : reason_counts) histogram.push_back(StrCat(count, " ", reason));
  std::sort(histogram.begin(), histogram.end());
  if (!histogram.empty()) StrAppend(&message, " ", StrJoin(histogram, ", "), ".");
  return message;
}

}  // namespace kube::scheduler::core
