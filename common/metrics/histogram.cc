#include "common/metrics/histogram.h"

#include "absl/strings/str_cat.h"
#include "common/util/strings.h"

namespace kube::metrics {

std::vector<double> ExponentialBuckets(double start, double factor, int count) {
  std::vector<double> out;
  for (int i = 0; i < count; ++i, start *= factor) out.push_back(start);
  return out;
}

std::string FormatDouble(double value) { return absl::StrCat(value); }

void RenderHeader(std::string_view name, std::string_view type, std::string_view help,
                  std::string& out) {
  StrAppend(&out, "# HELP ", name, " ", help, "\n# TYPE ", name, " ", type, "\n");
}

Histogram::Histogram(std::vector<double> bounds)
    : bounds_(std::move(bounds)), counts_(bounds_.size() + 1) {}

void Histogram::Observe(absl::Duration value) {
  double seconds = absl::ToDoubleSeconds(value);
  size_t bucket = 0;
  while (bucket < bounds_.size() && seconds > bounds_[bucket]) ++bucket;
  counts_[bucket].fetch_add(1, std::memory_order_relaxed);
  sum_nanos_.fetch_add(absl::ToInt64Nanoseconds(value), std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
}

void Histogram::Render(std::string_view name, std::string_view labels, std::string& out) const {
  const std::string prefix = labels.empty() ? "" : StrCat(labels, ",");
  int64_t cumulative = 0;
  for (size_t i = 0; i < bounds_.size(); ++i) {
    cumulative += counts_[i].load(std::memory_order_relaxed);
    StrAppend(&out, name, "_bucket{", prefix, "le=\"", FormatDouble(bounds_[i]), "\"} ", cumulative,
              "\n");
  }
  cumulative += counts_.back().load(std::memory_order_relaxed);
  StrAppend(&out, name, "_bucket{", prefix, "le=\"+Inf\"} ", cumulative, "\n");
  const std::string braces = labels.empty() ? "" : StrCat("{", labels, "}");
  StrAppend(&out, name, "_sum", braces, " ",
            FormatDouble(static_cast<double>(sum_nanos_.load(std::memory_order_relaxed)) / 1e9),
            "\n");
  StrAppend(&out, name, "_count", braces, " ", count_.load(std::memory_order_relaxed), "\n");
}

}  // namespace kube::metrics
