#include "apiserver/server/api_metrics.h"

#include "absl/time/clock.h"
#include "common/util/strings.h"

namespace kube::apiserver {
namespace {

std::string BaseLabels(const RequestLabels& labels) {
  return metrics::Labels({{"verb", labels.verb},
                          {"group", labels.group},
                          {"version", labels.version},
                          {"resource", labels.resource},
                          {"subresource", labels.subresource},
                          {"scope", labels.scope},
                          {"component", "apiserver"}});
}

}  // namespace

RequestLabels LabelsForRequest(std::string_view method, const RequestInfo& info, bool watch,
                               bool apply_patch) {
  RequestLabels labels;
  labels.group = info.group;
  labels.version = info.version;
  labels.resource = info.resource;
  labels.subresource = info.subresource;
  labels.scope = !info.name.empty() ? "resource" : !info.namespace_.empty() ? "namespace" : "cluster";
  const bool collection = info.name.empty();
  if (info.subresource == "exec" || info.subresource == "attach" ||
      info.subresource == "portforward" || info.subresource == "proxy") {
    labels.verb = "CONNECT";
  } else if (method == "GET") {
    labels.verb = watch || info.legacy_watch ? "WATCH" : collection ? "LIST" : "GET";
  } else if (method == "PATCH") {
    labels.verb = apply_patch ? "APPLY" : "PATCH";
  } else if (method == "DELETE") {
    labels.verb = collection ? "DELETECOLLECTION" : "DELETE";
  } else {
    labels.verb = std::string(method);
  }
  return labels;
}

ApiServerMetrics::ApiServerMetrics()
    : start_(absl::Now()),
      requests_("apiserver_request_total",
                "Counter of apiserver requests broken out for each verb, dry run value, group, "
                "version, resource, scope, component, and HTTP response code."),
      // upstream's buckets for apiserver_request_duration_seconds
      request_duration_("apiserver_request_duration_seconds",
                        "Response latency distribution in seconds for each verb, group, version, "
                        "resource, subresource, scope and component.",
                        {0.005, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0, 1.25, 1.5, 2, 3, 4, 5,
                         6, 8, 10, 15, 20, 30, 45, 60}),
      long_running_("apiserver_longrunning_requests",
                    "Gauge of all active long-running apiserver requests broken out by verb, "
                    "group, version, resource, scope and component."),
      storage_duration_("etcd_request_duration_seconds",
                        "Storage request latency in seconds for each operation and object type "
                        "(sqlite or etcd3 backend).",
                        {0.005, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0, 1.25, 1.5, 2, 3, 4, 5,
                         6, 8, 10, 15, 20, 30, 45, 60}) {}

void ApiServerMetrics::ObserveRequest(const RequestLabels& labels, int code,
                                      absl::Duration duration) {
  const std::string base = BaseLabels(labels);
  requests_.Add(StrCat(base, ",", metrics::Labels({{"code", std::to_string(code)}})));
  // As upstream: long-running requests are not in the latency histogram.
  if (labels.verb != "WATCH" && labels.verb != "CONNECT") request_duration_.Observe(base, duration);
}

std::shared_ptr<void> ApiServerMetrics::TrackLongRunning(const RequestLabels& labels) {
  std::string base = BaseLabels(labels);
  long_running_.Add(base, 1);
  return std::shared_ptr<void>(nullptr, [this, base](void*) { long_running_.Add(base, -1); });
}

void ApiServerMetrics::ObserveStorage(std::string_view operation, std::string_view type,
                                      absl::Duration duration) {
  storage_duration_.Observe(metrics::Labels({{"operation", operation}, {"type", type}}), duration);
}

std::string ApiServerMetrics::Render() const {
  std::string out;
  requests_.Render(out);
  request_duration_.Render(out);
  long_running_.Render(out);
  storage_duration_.Render(out);
  metrics::RenderHeader("process_start_time_seconds", "gauge",
                        "Start time of the process since unix epoch in seconds.", out);
  StrAppend(&out, "process_start_time_seconds ", absl::ToUnixSeconds(start_), "\n");
  return out;
}

}  // namespace kube::apiserver
