#include "apiserver/server/api_metrics.h"

#include <catch2/catch.hpp>

namespace kube::apiserver {
namespace {

RequestInfo Info(std::string ns, std::string resource, std::string name, std::string sub = "") {
  RequestInfo info;
  info.is_resource_request = true;
  info.version = "v1";
  info.namespace_ = std::move(ns);
  info.resource = std::move(resource);
  info.name = std::move(name);
  info.subresource = std::move(sub);
  return info;
}

TEST_CASE("requests get upstream's verb and scope") {
  CHECK(LabelsForRequest("GET", Info("default", "pods", "web"), false, false).verb == "GET");
  CHECK(LabelsForRequest("GET", Info("default", "pods", "web"), false, false).scope == "resource");
  CHECK(LabelsForRequest("GET", Info("default", "pods", ""), false, false).verb == "LIST");
  CHECK(LabelsForRequest("GET", Info("default", "pods", ""), false, false).scope == "namespace");
  CHECK(LabelsForRequest("GET", Info("", "pods", ""), true, false).verb == "WATCH");
  CHECK(LabelsForRequest("GET", Info("", "nodes", ""), true, false).scope == "cluster");
  CHECK(LabelsForRequest("PATCH", Info("default", "pods", "web"), false, true).verb == "APPLY");
  CHECK(LabelsForRequest("DELETE", Info("default", "pods", ""), false, false).verb ==
        "DELETECOLLECTION");
  CHECK(LabelsForRequest("POST", Info("default", "pods", "web", "exec"), false, false).verb ==
        "CONNECT");
}

TEST_CASE("the apiserver's metrics render with upstream's names") {
  ApiServerMetrics metrics;
  RequestLabels list = LabelsForRequest("GET", Info("default", "pods", ""), false, false);
  metrics.ObserveRequest(list, 200, absl::Milliseconds(3));
  RequestLabels watch = LabelsForRequest("GET", Info("", "pods", ""), true, false);
  metrics.ObserveRequest(watch, 200, absl::ZeroDuration());
  std::shared_ptr<void> open = metrics.TrackLongRunning(watch);
  metrics.ObserveStorage("get", "pods", absl::Milliseconds(1));
  std::string text = metrics.Render();
  CHECK(text.find("apiserver_request_total{verb=\"LIST\",group=\"\",version=\"v1\",resource=\"pods\","
                  "subresource=\"\",scope=\"namespace\",component=\"apiserver\",code=\"200\"} 1") !=
        std::string::npos);
  CHECK(text.find("apiserver_request_duration_seconds_count{verb=\"LIST\"") != std::string::npos);
  CHECK(text.find("apiserver_request_duration_seconds_count{verb=\"WATCH\"") == std::string::npos);
  CHECK(text.find("apiserver_longrunning_requests{verb=\"WATCH\"") != std::string::npos);
  CHECK(text.find("scope=\"cluster\",component=\"apiserver\"} 1\n") != std::string::npos);
  CHECK(text.find("etcd_request_duration_seconds_count{operation=\"get\",type=\"pods\"} 1") !=
        std::string::npos);
  open.reset();
  CHECK(metrics.Render().find("scope=\"cluster\",component=\"apiserver\"} 0\n") != std::string::npos);
}

}  // namespace
}  // namespace kube::apiserver
