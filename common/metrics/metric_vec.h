#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "common/metrics/histogram.h"

namespace kube::metrics {

// `name="value",...` with values escaped as the text format wants.
std::string Labels(const std::vector<std::pair<std::string_view, std::string_view>>& pairs);

// A counter per label set (labels as Labels() makes them). Thread-safe.
class CounterVec {
 public:
  CounterVec(std::string name, std::string help) : name_(std::move(name)), help_(std::move(help)) {}
  void Add(const std::string& labels, int64_t delta = 1);
  void Render(std::string& out) const;

 private:
  const std::string name_, help_;
  mutable absl::Mutex mu_;
  std::map<std::string, int64_t> values_ ABSL_GUARDED_BY(mu_);
};

// A gauge per label set that goes up and down (in-flight work). Thread-safe.
class GaugeVec {
 public:
  GaugeVec(std::string name, std::string help) : name_(std::move(name)), help_(std::move(help)) {}
  void Add(const std::string& labels, int64_t delta);
  int64_t Get(const std::string& labels) const;
  void Render(std::string& out) const;

 private:
  const std::string name_, help_;
  mutable absl::Mutex mu_;
  std::map<std::string, int64_t> values_ ABSL_GUARDED_BY(mu_);
};

// A histogram per label set, all with the same buckets. Thread-safe.
class HistogramVec {
 public:
  HistogramVec(std::string name, std::string help, std::vector<double> bounds)
      : name_(std::move(name)), help_(std::move(help)), bounds_(std::move(bounds)) {}
  void Observe(const std::string& labels, absl::Duration value);
  void Render(std::string& out) const;

 private:
  const std::string name_, help_;
  const std::vector<double> bounds_;
  mutable absl::Mutex mu_;
  std::map<std::string, std::unique_ptr<Histogram>> values_ ABSL_GUARDED_BY(mu_);
};

}  // namespace kube::metrics
