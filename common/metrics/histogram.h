#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"

namespace kube::metrics {

// upstream's prometheus.ExponentialBuckets: count bounds from start, each factor
// times the one before.
std::vector<double> ExponentialBuckets(double start, double factor, int count);

// A Prometheus histogram of durations in seconds, with fixed buckets. Lock-free;
// safe from any thread.
class Histogram {
 public:
  // `bounds` are the upper bounds of the buckets, increasing, in seconds.
  explicit Histogram(std::vector<double> bounds);
  Histogram(const Histogram&) = delete;
  Histogram& operator=(const Histogram&) = delete;

  void Observe(absl::Duration value);
  // The _bucket, _sum and _count lines for `name` with `labels` ("" or
  // `result="scheduled"`).
  void Render(std::string_view name, std::string_view labels, std::string& out) const;
  int64_t count() const { return count_.load(std::memory_order_relaxed); }

 private:
  const std::vector<double> bounds_;
  std::vector<std::atomic<int64_t>> counts_;  // per bucket, not cumulative; +Inf last
  std::atomic<int64_t> sum_nanos_{0};
  std::atomic<int64_t> count_{0};
};

// "# HELP name help\n# TYPE name type\n".
void RenderHeader(std::string_view name, std::string_view type, std::string_view help,
                  std::string& out);
// A number as Prometheus writes it.
std::string FormatDouble(double value);

}  // namespace kube::metrics
