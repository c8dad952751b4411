#pragma once

#include <deque>
#include <functional>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace kube::scheduler::core {

// A fixed set of threads running submitted tasks in order of submission: the
// binding calls and status patches that the scheduling thread must not wait for
// (upstream runs them in goroutines). Thread-safe.
class WorkerPool {
 public:
  explicit WorkerPool(int workers);
  // Runs what is queued, then joins the workers.
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void Submit(std::function<void()> task);
  // Blocks until no task is queued or running.
  void Wait();

 private:
  void Work();

  absl::Mutex mu_;
  std::deque<std::function<void()>> tasks_ ABSL_GUARDED_BY(mu_);
  int running_ ABSL_GUARDED_BY(mu_) = 0;  // tasks taken and not finished
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> workers_;  // started by the constructor, joined by the destructor
};

}  // namespace kube::scheduler::core
