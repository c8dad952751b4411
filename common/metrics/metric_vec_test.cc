#include "common/metrics/metric_vec.h"

#include <catch2/catch.hpp>

namespace kube::metrics {
namespace {

TEST_CASE("labelled counters, gauges and histograms render in the text format") {
  CounterVec requests("apiserver_request_total", "Requests.");
  const std::string get_pods = Labels({{"verb", "GET"}, {"resource", "pods"}});
  requests.Add(get_pods);
  requests.Add(get_pods);
  requests.Add(Labels({{"verb", "LIST"}, {"resource", "pods"}}));
  std::string out;
  requests.Render(out);
  CHECK(out ==
        "# HELP apiserver_request_total Requests.\n# TYPE apiserver_request_total counter\n"
        "apiserver_request_total{verb=\"GET\",resource=\"pods\"} 2\n"
        "apiserver_request_total{verb=\"LIST\",resource=\"pods\"} 1\n");

  GaugeVec watches("apiserver_longrunning_requests", "Open.");
  watches.Add("resource=\"pods\"", 2);
  watches.Add("resource=\"pods\"", -1);
  CHECK(watches.Get("resource=\"pods\"") == 1);

  HistogramVec latency("d_seconds", "Latency.", {0.1, 1});
  latency.Observe("verb=\"GET\"", absl::Milliseconds(50));
  latency.Observe("verb=\"GET\"", absl::Seconds(2));
  std::string text;
  latency.Render(text);
  CHECK(text.find("d_seconds_bucket{verb=\"GET\",le=\"0.1\"} 1\n") != std::string::npos);
  CHECK(text.find("d_seconds_bucket{verb=\"GET\",le=\"+Inf\"} 2\n") != std::string::npos);
  CHECK(text.find("d_seconds_count{verb=\"GET\"} 2\n") != std::string::npos);
}

TEST_CASE("label values are escaped") {
  CHECK(Labels({{"path", "a\"b\\c\nd"}}) == "path=\"a\\\"b\\\\c\\nd\"");
}

}  // namespace
}  // namespace kube::metrics
