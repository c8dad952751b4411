#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <tuple>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "cluster-dns/message/message.h"

namespace kube::dns {

enum class Transport { kUdp, kTcp };

// Counts of queries answered, by transport, question type and response code, and
// of packets dropped unanswered. Thread-safe: the serving threads count, the
// health server's threads render.
class QueryMetrics {
 public:
  // `type` is nullopt when the query had no parsable question. Types outside the
  // ones this server knows are counted as "other", so clients cannot grow the
  // label set without bound.
  void CountAnswered(Transport transport, std::optional<RrType> type, Rcode rcode);
  void CountDropped();

  // Prometheus text (version 0.0.4): cluster_dns_requests_total{proto,type,rcode}
  // and cluster_dns_dropped_total.
  std::string Render() const;

  // For tests: the count of one series.
  uint64_t Answered(Transport transport, const std::string& type, Rcode rcode) const;

 private:
  using Key = std::tuple<std::string, std::string, std::string>;  // proto, type, rcode
  mutable absl::Mutex mu_;
  std::map<Key, uint64_t> answered_ ABSL_GUARDED_BY(mu_);
  uint64_t dropped_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace kube::dns
