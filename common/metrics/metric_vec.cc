#include "common/metrics/metric_vec.h"

#include "common/util/strings.h"

namespace kube::metrics {

std::string Labels(const std::vector<std::pair<std::string_view, std::string_view>>& pairs) {
  std::string out;
  for (const auto& [name, value] : pairs) {
    if (!out.empty()) out += ',';
    StrAppend(&out, name, "=\"");
    for (char c : value) {
      if (c == '\\' || c == '"') {
        out += '\\';
        out += c;
      } else if (c == '\n') {
        out += "\\n";
      } else {
        out += c;
      }
    }
    out += '"';
  }
  return out;
}

namespace {

void RenderValues(std::string_view name, const std::map<std::string, int64_t>& values,
                  std::string& out) {
  for (const auto& [labels, value] : values) {
    if (labels.empty()) {
      StrAppend(&out, name, " ", value, "\n");
    } else {
      StrAppend(&out, name, "{", labels, "} ", value, "\n");
    }
  }
}

}  // namespace

void CounterVec::Add(const std::string& labels, int64_t delta) {
  absl::MutexLock lock(&mu_);
  values_[labels] += delta;
}

void CounterVec::Render(std::string& out) const {
  RenderHeader(name_, "counter", help_, out);
  absl::MutexLock lock(&mu_);
  RenderValues(name_, values_, out);
}

void GaugeVec::Add(const std::string& labels, int64_t delta) {
  absl::MutexLock lock(&mu_);
  values_[labels] += delta;
}

int64_t GaugeVec::Get(const std::string& labels) const {
  absl::MutexLock lock(&mu_);
  auto it = values_.find(labels);
  return it == values_.end() ? 0 : it->second;
}

void GaugeVec::Render(std::string& out) const {
  RenderHeader(name_, "gauge", help_, out);
  absl::MutexLock lock(&mu_);
  RenderValues(name_, values_, out);
}

void HistogramVec::Observe(const std::string& labels, absl::Duration value) {
  Histogram* histogram;
  {
    absl::MutexLock lock(&mu_);
    std::unique_ptr<Histogram>& slot = values_[labels];
    if (slot == nullptr) slot = std::make_unique<Histogram>(bounds_);
    histogram = slot.get();  // never removed: safe to use outside the lock
  }
  histogram->Observe(value);
}

void HistogramVec::Render(std::string& out) const {
  RenderHeader(name_, "histogram", help_, out);
  absl::MutexLock lock(&mu_);
  for (const auto& [labels, histogram] : values_) histogram->Render(name_, labels, out);
}

}  // namespace kube::metrics
