#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace kube::scheduler::framework {

// Runs one loop body over [0, pieces) on the calling thread plus a fixed set of
// helper threads, handing out chunks from a shared counter (upstream's
// parallelize.Parallelizer). Made once per scheduler: starting threads per pod
// would cost more than filtering a few hundred nodes. Until() is meant for one
// caller at a time (the scheduling thread); concurrent calls are serialized.
class Parallelizer {
 public:
  // `parallelism` threads in all, the caller included; 1 runs everything inline.
  explicit Parallelizer(int parallelism);
  ~Parallelizer();
  Parallelizer(const Parallelizer&) = delete;
  Parallelizer& operator=(const Parallelizer&) = delete;

  // Calls body(i) once for every i in [0, pieces) and returns when all calls
  // returned. Bodies run concurrently; to stop early, have them check a flag.
  void Until(int pieces, const std::function<void(int)>& body);

  int parallelism() const { return parallelism_; }

 private:
  // One Until() call, shared with the helpers that join it.
  struct Job {
    const std::function<void(int)>* body = nullptr;
    int pieces = 0;
    int chunk = 1;
    std::atomic<int> next{0};
  };

  static void RunChunks(Job& job);
  void HelperLoop();

  const int parallelism_;  // constant after construction

  absl::Mutex until_mu_;  // serializes Until() callers
  absl::Mutex mu_;
  Job* job_ ABSL_GUARDED_BY(mu_) = nullptr;  // the running job, or null
  uint64_t job_sequence_ ABSL_GUARDED_BY(mu_) = 0;  // bumped per job, so helpers join each once
  int busy_helpers_ ABSL_GUARDED_BY(mu_) = 0;  // helpers inside the current job
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> helpers_;  // started by the constructor, joined by the destructor
};

}  // namespace kube::scheduler::framework
