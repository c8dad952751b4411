#include "scheduler/framework/parallelizer.h"

#include <algorithm>
#include <cmath>

namespace kube::scheduler::framework {

Parallelizer::Parallelizer(int parallelism) : parallelism_(std::max(1, parallelism)) {
  for (int i = 1; i < parallelism_; ++i) helpers_.emplace_back([this] { HelperLoop(); });
}

Parallelizer::~Parallelizer() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  for (std::thread& helper : helpers_) helper.join();
}

void Parallelizer::RunChunks(Job& job) {
  while (true) {
    int start = job.next.fetch_add(job.chunk, std::memory_order_relaxed);
    if (start >= job.pieces) return;
    int end = std::min(job.pieces, start + job.chunk);
    for (int i = start; i < end; ++i) (*job.body)(i);
  }
}

void Parallelizer::Until(int pieces, const std::function<void(int)>& body) {
  if (pieces <= 0) return;
  // upstream's chunkSizeFor: about sqrt(pieces), no more than an even share.
  int chunk = static_cast<int>(std::sqrt(static_cast<double>(pieces)));
  chunk = std::max(1, std::min(chunk, pieces / parallelism_ + 1));
  if (helpers_.empty() || pieces <= chunk) {
    for (int i = 0; i < pieces; ++i) body(i);
    return;
  }
  absl::MutexLock serialize(&until_mu_);
  Job job;
  job.body = &body;
  job.pieces = pieces;
  job.chunk = chunk;
  {
    absl::MutexLock lock(&mu_);
    job_ = &job;
    ++job_sequence_;
  }
  RunChunks(job);
  // Helpers that joined may still be inside a chunk; the job lives on our stack.
  absl::MutexLock lock(&mu_);
  job_ = nullptr;
  mu_.Await(absl::Condition(
      +[](int* busy) { return *busy == 0; }, &busy_helpers_));
}

void Parallelizer::HelperLoop() {
  uint64_t seen = 0;
  while (true) {
    Job* job = nullptr;
    {
      absl::MutexLock lock(&mu_);
      auto ready = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
        return stopping_ || (job_ != nullptr && job_sequence_ != seen);
      };
      mu_.Await(absl::Condition(&ready));
      if (stopping_) return;
      seen = job_sequence_;
      job = job_;
      ++busy_helpers_;
    }
    RunChunks(*job);
    absl::MutexLock lock(&mu_);
    --busy_helpers_;
  }
}

}  // namespace kube::scheduler::framework
