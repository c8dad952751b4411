#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "common/client/workqueue.h"

namespace kube::kcm {

// One control loop of kube-controller-manager, as the app runs it: Run() on a
// thread of its own while this replica leads, Stop() from any thread when it stops
// leading or shuts down. Implementations take their informers from the shared
// factory in ControllerContext and register their event handlers in the
// constructor, so nothing is missed between the caches' first list and Run().
class ControllerInterface {
 public:
  virtual ~ControllerInterface() = default;

  // Waits for the caches this loop reads, then reconciles until Stop(). Blocks.
  virtual absl::Status Run() = 0;
  // Makes Run return; does not block; safe more than once and before Run.
  virtual void Stop() = 0;
  // Counters of the loop's work queues, for /metrics. Thread-safe.
  virtual std::vector<client::WorkQueueMetrics> QueueMetrics() = 0;
};

}  // namespace kube::kcm
