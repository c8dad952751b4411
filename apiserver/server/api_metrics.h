#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "absl/time/time.h"
#include "apiserver/endpoints/request_info.h"
#include "common/metrics/metric_vec.h"

namespace kube::apiserver {

// What upstream labels a request with.
struct RequestLabels {
  std::string verb;  // GET, LIST, WATCH, POST, PUT, PATCH, APPLY, DELETE, DELETECOLLECTION, CONNECT
  std::string group, version, resource, subresource;
  std::string scope;  // resource, namespace or cluster
};

// Upstream's labels for a REST request: the verb from the method and what the path
// names (a GET of a collection is LIST, with watch=true WATCH; exec is CONNECT), the
// scope from whether it names an object, a namespace or neither.
RequestLabels LabelsForRequest(std::string_view method, const RequestInfo& info, bool watch,
                               bool apply_patch);

// kube-apiserver's /metrics, with upstream's names: apiserver_request_total and
// apiserver_request_duration_seconds by verb, group, version, resource, subresource,
// scope (and code), apiserver_longrunning_requests (open watches, followed logs,
// exec), etcd_request_duration_seconds by operation and type (for either backend),
// and the process's start time. Thread-safe; the server owns one.
class ApiServerMetrics {
 public:
  ApiServerMetrics();

  // A request answered with `code` after `duration` (long-running ones: when begun).
  void ObserveRequest(const RequestLabels& labels, int code, absl::Duration duration);
  // A long-running request is open until the returned token is destroyed.
  std::shared_ptr<void> TrackLongRunning(const RequestLabels& labels);
  // One storage operation.
  void ObserveStorage(std::string_view operation, std::string_view type, absl::Duration duration);

  std::string Render() const;

 private:
  const absl::Time start_;
  metrics::CounterVec requests_;
  metrics::HistogramVec request_duration_;
  metrics::GaugeVec long_running_;
  metrics::HistogramVec storage_duration_;
};

}  // namespace kube::apiserver
