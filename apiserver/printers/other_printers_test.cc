// Namespace, ConfigMap, Secret, ServiceAccount, PodTemplate, ResourceQuota, PV, PVC,
// PodDisruptionBudget, HorizontalPodAutoscaler, Lease and the default printer.

#include <catch2/catch.hpp>
#include <string>

#include "apiserver/printers/printer_testing.h"
#include "apiserver/printers/printers.h"
#include "k8s/autoscaling/v1/autoscaling.pb.h"
#include "k8s/coordination/v1/coordination.pb.h"
#include "k8s/core/v1/core.pb.h"
#include "k8s/policy/v1/policy.pb.h"

namespace kube::apiserver {
namespace {

using testing::Ago;
using testing::CellOf;
using testing::kNow;
using testing::Parse;

TEST_CASE("Config kinds count their data", "[printers]") {
  SECTION("namespace") {
    const auto printer = NewNamespacePrinter();
    const auto row = printer->Row(
        Parse<k8s::core::v1::Namespace>("metadata { name: 'default' creationTimestamp " +
                                        Ago(7200) + " } status { phase: 'Active' }"),
        kNow);
    CHECK(CellOf(*printer, row, "Name") == "default");
    CHECK(CellOf(*printer, row, "Status") == "Active");
    CHECK(CellOf(*printer, row, "Age") == "120m");
  }
  SECTION("config map") {
    const auto printer = NewConfigMapPrinter();
    const auto row = printer->Row(
        Parse<k8s::core::v1::ConfigMap>("data { key: 'a' value: '1' } data { key: 'b' value: '' } "
                                        "binaryData { key: 'c' value: 'x' }"),
        kNow);
    CHECK(CellOf(*printer, row, "Data") == "3");
  }
  SECTION("secret") {
    const auto printer = NewSecretPrinter();
    const auto row = printer->Row(
        Parse<k8s::core::v1::Secret>("type: 'kubernetes.io/tls' data { key: 'tls.crt' value: 'x' } "
                                     "data { key: 'tls.key' value: 'y' }"),
        kNow);
    CHECK(CellOf(*printer, row, "Type") == "kubernetes.io/tls");
    CHECK(CellOf(*printer, row, "Data") == "2");
  }
  SECTION("service account") {
    const auto printer = NewServiceAccountPrinter();
    auto row = printer->Row(Parse<k8s::core::v1::ServiceAccount>("secrets { name: 't' }"), kNow);
    CHECK(CellOf(*printer, row, "Secrets") == "1");
  }
  SECTION("pod template") {
    const auto printer = NewPodTemplatePrinter();
    const auto row = printer->Row(Parse<k8s::core::v1::PodTemplate>(
                                      "template { metadata { labels { key: 'app' value: 'web' } } "
                                      "spec { containers { name: 'web' image: 'nginx' } } }"),
                                  kNow);
    CHECK(CellOf(*printer, row, "Containers") == "web");
    CHECK(CellOf(*printer, row, "Images") == "nginx");
    CHECK(CellOf(*printer, row, "Pod Labels") == "app=web");
  }
  SECTION("resource quota") {
    const auto printer = NewResourceQuotaPrinter();
    const auto row = printer->Row(Parse<k8s::core::v1::ResourceQuota>(
                                      "status { hard { key: 'pods' value { string: '10' } } "
                                      "hard { key: 'requests.cpu' value { string: '1' } } "
                                      "hard { key: 'limits.memory' value { string: '2Gi' } } "
                                      "used { key: 'pods' value { string: '2' } } "
                                      "used { key: 'limits.memory' value { string: '512Mi' } } }"),
                                  kNow);
    CHECK(CellOf(*printer, row, "Request") == "pods: 2/10, requests.cpu: 0/1");
    CHECK(CellOf(*printer, row, "Limit") == "limits.memory: 512Mi/2Gi");
  }
}

TEST_CASE("PersistentVolume and PersistentVolumeClaim", "[printers]") {
  SECTION("bound volume") {
    const auto printer = NewPersistentVolumePrinter();
    const auto row = printer->Row(
        Parse<k8s::core::v1::PersistentVolume>(
            "metadata { name: 'pv1' } spec { capacity { key: 'storage' value { string: '5Gi' } } "
            "accessModes: 'ReadWriteMany' accessModes: 'ReadWriteOnce' "
            "persistentVolumeReclaimPolicy: 'Retain' storageClassName: 'standard' "
            "claimRef { namespace: 'default' name: 'data' } volumeMode: 'Filesystem' } "
            "status { phase: 'Bound' }"),
        kNow);
    CHECK(CellOf(*printer, row, "Capacity") == "5Gi");
    CHECK(CellOf(*printer, row, "Access Modes") == "RWO,RWX");
    CHECK(CellOf(*printer, row, "Reclaim Policy") == "Retain");
    CHECK(CellOf(*printer, row, "Status") == "Bound");
    CHECK(CellOf(*printer, row, "Claim") == "default/data");
    CHECK(CellOf(*printer, row, "StorageClass") == "standard");
    CHECK(CellOf(*printer, row, "VolumeAttributesClass") == "<unset>");
    CHECK(CellOf(*printer, row, "VolumeMode") == "Filesystem");
  }
  SECTION("volume being deleted, class from the beta annotation") {
    const auto printer = NewPersistentVolumePrinter();
    const auto row =
        printer->Row(Parse<k8s::core::v1::PersistentVolume>(
                         "metadata { deletionTimestamp " + Ago(1) +
                         " annotations { key: "
                         "'volume.beta.kubernetes.io/storage-class' value: 'old' } } "
                         "spec { storageClassName: 'new' } status { phase: 'Released' }"),
                     kNow);
    CHECK(CellOf(*printer, row, "Capacity") == "0");
    CHECK(CellOf(*printer, row, "Status") == "Terminating");
    CHECK(CellOf(*printer, row, "StorageClass") == "old");
    CHECK(CellOf(*printer, row, "Claim") == "");
  }
  SECTION("claims") {
    const auto printer = NewPersistentVolumeClaimPrinter();
    auto row =
        printer->Row(Parse<k8s::core::v1::PersistentVolumeClaim>(
                         "spec { volumeName: 'pv1' storageClassName: 'standard' "
                         "resources { requests { key: 'storage' value { string: '1Gi' } } } } "
                         "status { phase: 'Bound' accessModes: 'ReadWriteOnce' "
                         "capacity { key: 'storage' value { string: '5Gi' } } }"),
                     kNow);
    CHECK(CellOf(*printer, row, "Status") == "Bound");
    CHECK(CellOf(*printer, row, "Volume") == "pv1");
    CHECK(CellOf(*printer, row, "Capacity") == "5Gi");
    CHECK(CellOf(*printer, row, "Access Modes") == "RWO");
    CHECK(CellOf(*printer, row, "StorageClass") == "standard");
    row = printer->Row(Parse<k8s::core::v1::PersistentVolumeClaim>("status { phase: 'Pending' }"),
                       kNow);
    CHECK(CellOf(*printer, row, "Volume") == "");
    CHECK(CellOf(*printer, row, "Capacity") == "");
    CHECK(CellOf(*printer, row, "StorageClass") == "");
    CHECK(CellOf(*printer, row, "VolumeMode") == "<unset>");
  }
}

TEST_CASE("PodDisruptionBudget, HorizontalPodAutoscaler, Lease", "[printers]") {
  SECTION("pdb") {
    const auto printer = NewPodDisruptionBudgetPrinter();
    auto row = printer->Row(
        Parse<k8s::policy::v1::PodDisruptionBudget>(
            "spec { minAvailable { type: 1 strVal: '50%' } } status { disruptionsAllowed: 1 }"),
        kNow);
    CHECK(CellOf(*printer, row, "Min Available") == "50%");
    CHECK(CellOf(*printer, row, "Max Unavailable") == "N/A");
    CHECK(CellOf(*printer, row, "Allowed Disruptions") == "1");
    row = printer->Row(Parse<k8s::policy::v1::PodDisruptionBudget>(
                           "spec { maxUnavailable { type: 0 intVal: 2 } }"),
                       kNow);
    CHECK(CellOf(*printer, row, "Min Available") == "N/A");
    CHECK(CellOf(*printer, row, "Max Unavailable") == "2");
  }
  SECTION("hpa") {
    const auto printer = NewHorizontalPodAutoscalerPrinter();
    auto row =
        printer->Row(Parse<k8s::autoscaling::v1::HorizontalPodAutoscaler>(
                         "spec { scaleTargetRef { kind: 'Deployment' name: 'web' } minReplicas: 2 "
                         "maxReplicas: 10 targetCPUUtilizationPercentage: 50 } "
                         "status { currentReplicas: 3 currentCPUUtilizationPercentage: 35 }"),
                     kNow);
    CHECK(CellOf(*printer, row, "Reference") == "Deployment/web");
    CHECK(CellOf(*printer, row, "Targets") == "cpu: 35%/50%");
    CHECK(CellOf(*printer, row, "MinPods") == "2");
    CHECK(CellOf(*printer, row, "MaxPods") == "10");
    CHECK(CellOf(*printer, row, "Replicas") == "3");
    row = printer->Row(k8s::autoscaling::v1::HorizontalPodAutoscaler(), kNow);
    CHECK(CellOf(*printer, row, "Targets") == "cpu: <unknown>/80%");
    CHECK(CellOf(*printer, row, "MinPods") == "<unset>");
  }
  SECTION("lease") {
    const auto printer = NewLeasePrinter();
    const auto row = printer->Row(
        Parse<k8s::coordination::v1::Lease>("spec { holderIdentity: 'node-1' }"), kNow);
    CHECK(CellOf(*printer, row, "Holder") == "node-1");
  }
}

TEST_CASE("The default printer shows Name and Created At", "[printers]") {
  const auto printer = NewDefaultPrinter();
  const auto columns = printer->Columns();
  REQUIRE(columns.size() == 2);
  CHECK(columns[0].format == "name");
  CHECK(columns[1].name == "Created At");
  CHECK(columns[1].type == "date");
  auto row =
      printer->Row(Parse<k8s::core::v1::LimitRange>(
                       "metadata { name: 'limits' creationTimestamp { seconds: 1700000000 } }"),
                   kNow);
  CHECK(testing::Text(row[0]) == "limits");
  CHECK(testing::Text(row[1]) == "2023-11-14T22:13:20Z");
  row = printer->Row(k8s::core::v1::LimitRange(), kNow);
  CHECK(testing::Text(row[1]) == "0001-01-01T00:00:00Z");
}

}  // namespace
}  // namespace kube::apiserver
