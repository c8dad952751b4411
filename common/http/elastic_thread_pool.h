#pragma once

#include <cstddef>
#include <deque>
#include <functional>

#include <httplib.h>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace kube::http {

// A cpp-httplib task queue that grows a thread whenever work arrives and no thread
// is idle, up to `max_threads`, and lets surplus threads exit after `idle_timeout`.
// cpp-httplib serves each connection on one pool thread for as long as the
// connection lives, and every open watch is such a connection, so a fixed pool of
// a few threads would let a handful of watchers starve every other request.
class ElasticThreadPool : public httplib::TaskQueue {
 public:
  ElasticThreadPool(size_t min_threads, size_t max_threads, absl::Duration idle_timeout);
  ~ElasticThreadPool() override;
  ElasticThreadPool(const ElasticThreadPool&) = delete;
  ElasticThreadPool& operator=(const ElasticThreadPool&) = delete;

  // httplib::TaskQueue
  void enqueue(std::function<void()> task) override;
  // Runs the queued tasks, then waits for every thread to finish.
  void shutdown() override;

  size_t thread_count();

 private:
  void SpawnLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void WorkerLoop();

  const size_t min_threads_;
  const size_t max_threads_;
  const absl::Duration idle_timeout_;

  absl::Mutex mu_;
  std::deque<std::function<void()>> tasks_ ABSL_GUARDED_BY(mu_);
  size_t threads_ ABSL_GUARDED_BY(mu_) = 0;  // live worker threads (all detached)
  size_t idle_ ABSL_GUARDED_BY(mu_) = 0;     // workers waiting for a task
  bool shutting_down_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace kube::http
