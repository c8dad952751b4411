#pragma once

#include <map>
#include <string>

#include "scheduler/framework/interface.h"

namespace kube::scheduler::core {

// Why a pod fits no node (upstream's framework.Diagnosis + FitError): the reasons
// of every rejected node, counted, or the one PreFilter rejection that ruled out
// all nodes at once.
struct FitError {
  int num_all_nodes = 0;
  std::map<std::string, int> reason_counts;  // "Insufficient cpu" -> nodes
  std::string pre_filter_message;            // set when a PreFilter rejected the pod

  void Add(const framework::PluginStatus& status) {
    for (const std::string& reason : status.reasons()) ++reason_counts[reason];
  }

  // upstream's message, e.g. "0/3 nodes are available: 1 node(s) didn't match Pod's
  // node affinity/selector, 2 Insufficient cpu." (the reasons sorted as strings,
  // count first); "no nodes available to schedule pods" when there are none.
  std::string Message() const;
};

}  // namespace kube::scheduler::core
