// The autoscaling/v2 HorizontalPodAutoscaler table, and v1's TARGETS from its annotations
// (the v1 basics are in other_printers_test.cc).

#include <catch2/catch.hpp>
#include <string>

#include "apiserver/printers/printer_testing.h"
#include "apiserver/printers/printers.h"
#include "k8s/autoscaling/v1/autoscaling.pb.h"
#include "k8s/autoscaling/v2/autoscaling.pb.h"

namespace kube::apiserver {
namespace {

using k8s::autoscaling::v2::HorizontalPodAutoscaler;
using testing::Ago;
using testing::CellOf;
using testing::kNow;
using testing::Parse;

constexpr char kCpu80[] =
    "metrics { type: 'Resource' resource { name: 'cpu' target { type: 'Utilization' "
    "averageUtilization: 80 } } } ";

std::string Targets(const std::string& text) {
  const auto printer = NewHorizontalPodAutoscalerV2Printer();
  return CellOf(*printer, printer->Row(Parse<HorizontalPodAutoscaler>(text), kNow), "Targets");
}

TEST_CASE("autoscaling/v2 HorizontalPodAutoscaler columns", "[printers]") {
  const auto printer = NewHorizontalPodAutoscalerV2Printer();
  std::vector<std::string> names;
  for (const TableColumn& column : printer->Columns()) names.push_back(column.name);
  CHECK(names == std::vector<std::string>{"Name", "Reference", "Targets", "MinPods", "MaxPods",
                                          "Replicas", "Age"});
  const auto row =
      printer->Row(Parse<HorizontalPodAutoscaler>(
                       "metadata { name: 'web' creationTimestamp " + Ago(120) +
                       " } spec { scaleTargetRef { kind: 'Deployment' name: 'web' } minReplicas: 2 "
                       "maxReplicas: 10 " +
                       kCpu80 + "} status { currentReplicas: 3 }"),
                   kNow);
  CHECK(CellOf(*printer, row, "Name") == "web");
  CHECK(CellOf(*printer, row, "Reference") == "Deployment/web");
  CHECK(CellOf(*printer, row, "Targets") == "cpu: <unknown>/80%");
  CHECK(CellOf(*printer, row, "MinPods") == "2");
  CHECK(CellOf(*printer, row, "MaxPods") == "10");
  CHECK(CellOf(*printer, row, "Replicas") == "3");
  CHECK(CellOf(*printer, row, "Age") == "2m");
  const auto unset = printer->Row(HorizontalPodAutoscaler(), kNow);
  CHECK(CellOf(*printer, unset, "MinPods") == "<unset>");
  CHECK(CellOf(*printer, unset, "Targets") == "<none>");
}

TEST_CASE("autoscaling/v2 HorizontalPodAutoscaler targets, as formatHPAMetrics", "[printers]") {
  CHECK(Targets(std::string("spec { ") + kCpu80 +
                "} status { currentMetrics { type: 'Resource' resource { name: 'cpu' current { "
                "averageUtilization: 50 averageValue { string: '250m' } } } } }") ==
        "cpu: 50%/80%");
  CHECK(Targets("spec { metrics { type: 'Resource' resource { name: 'memory' target { type: "
                "'AverageValue' averageValue { string: '1024Mi' } } } } } status { currentMetrics "
                "{ type: 'Resource' resource { name: 'memory' current { averageValue { string: "
                "'512Mi' } } } } }") == "memory: 512Mi/1Gi");
  CHECK(Targets("spec { metrics { type: 'Resource' resource { name: 'cpu' target { type: "
                "'Utilization' } } } }") == "cpu: <unknown>/<auto>");
  CHECK(Targets("spec { metrics { type: 'ContainerResource' containerResource { name: 'cpu' "
                "container: 'app' target { type: 'Utilization' averageUtilization: 60 } } } }") ==
        "cpu: <unknown>/60%");
  CHECK(Targets("spec { metrics { type: 'Pods' pods { metric { name: 'qps' } target { type: "
                "'AverageValue' averageValue { string: '10' } } } } } status { currentMetrics { "
                "type: 'Pods' pods { metric { name: 'qps' } current { averageValue { string: '8' "
                "} } } } }") == "8/10");
  CHECK(Targets("spec { metrics { type: 'Object' object { metric { name: 'hits' } target { type: "
                "'Value' value { string: '2000' } } } } }") == "<unknown>/2k");
  CHECK(Targets("spec { metrics { type: 'External' external { metric { name: 'queue' } target { "
                "type: 'AverageValue' averageValue { string: '30' } } } } } status { "
                "currentMetrics { type: 'External' external { metric { name: 'queue' } current { "
                "averageValue { string: '12' } } } } }") == "12/30 (avg)");
  CHECK(Targets("spec { metrics { type: 'Bogus' } }") == "<unknown type>");
  // Two metrics are shown, then how many more there are.
  CHECK(Targets(std::string("spec { ") + kCpu80 + kCpu80 + kCpu80 + kCpu80 + "}") ==
        "cpu: <unknown>/80%, cpu: <unknown>/80% + 2 more...");
}

TEST_CASE("autoscaling/v1 TARGETS include the metrics its annotations carry", "[printers]") {
  const auto printer = NewHorizontalPodAutoscalerPrinter();
  const auto row = printer->Row(
      Parse<k8s::autoscaling::v1::HorizontalPodAutoscaler>(
          R"(metadata { annotations { key: "autoscaling.alpha.kubernetes.io/metrics" value:
               "[{\"type\":\"Pods\",\"pods\":{\"metricName\":\"qps\",\"targetAverageValue\":\"10\"}}]" } }
             spec { scaleTargetRef { kind: "Deployment" name: "web" } maxReplicas: 4
                    targetCPUUtilizationPercentage: 60 }
             status { currentCPUUtilizationPercentage: 20 })"),
      kNow);
  // Statuses pair with metrics by position, as upstream's (the CPU one is first here).
  CHECK(CellOf(*printer, row, "Targets") == "<unknown>/10, cpu: <unknown>/60%");
}

}  // namespace
}  // namespace kube::apiserver
