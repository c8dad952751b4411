// PriorityClass, RuntimeClass, StorageClass, CSIDriver, CSINode and
// VolumeAttachment tables.

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "apiserver/printers/printer_testing.h"
#include "apiserver/printers/printers.h"
#include "k8s/node/v1/node.pb.h"
#include "k8s/scheduling/v1/scheduling.pb.h"
#include "k8s/storage/v1/storage.pb.h"

namespace kube::apiserver {
namespace {

using testing::Ago;
using testing::CellOf;
using testing::ColumnNames;
using testing::kNow;
using testing::Parse;

TEST_CASE("PriorityClass table", "[printers]") {
  const auto printer = NewPriorityClassPrinter();
  CHECK(ColumnNames(*printer) ==
        std::vector<std::string>{"Name", "Value", "Global-Default", "Age",
                                 "PreemptionPolicy"});
  const auto row = printer->Row(
      Parse<k8s::scheduling::v1::PriorityClass>(
          "metadata { name: 'system-node-critical' creationTimestamp " +
          Ago(600) +
          " } value: 2000001000 preemptionPolicy: 'PreemptLowerPriority'"),
      kNow);
  CHECK(CellOf(*printer, row, "Name") == "system-node-critical");
  CHECK(std::get<int64_t>(row[1]) == 2000001000);
  CHECK(CellOf(*printer, row, "Global-Default") == "false");
  CHECK(CellOf(*printer, row, "Age") == "10m");
  CHECK(CellOf(*printer, row, "PreemptionPolicy") == "PreemptLowerPriority");
}

TEST_CASE("RuntimeClass table", "[printers]") {
  const auto printer = NewRuntimeClassPrinter();
  CHECK(ColumnNames(*printer) ==
        std::vector<std::string>{"Name", "Handler", "Age"});
  const auto row =
      printer->Row(Parse<k8s::node::v1::RuntimeClass>(
                       "metadata { name: 'gvisor' } handler: 'runsc'"),
                   kNow);
  CHECK(CellOf(*printer, row, "Handler") == "runsc");
}

TEST_CASE("StorageClass table marks the default class", "[printers]") {
  const auto printer = NewStorageClassPrinter();
  CHECK(ColumnNames(*printer) ==
        std::vector<std::string>{"Name", "Provisioner", "ReclaimPolicy",
                                 "VolumeBindingMode", "AllowVolumeExpansion",
                                 "Age"});
  auto row = printer->Row(
      Parse<k8s::storage::v1::StorageClass>(
          "metadata { name: 'standard' annotations { key: "
          "'storageclass.kubernetes.io/is-default-class' value: 'true' } } "
          "provisioner: 'rancher.io/local-path' reclaimPolicy: 'Delete' "
          "volumeBindingMode: 'WaitForFirstConsumer' allowVolumeExpansion: "
          "true"),
      kNow);
  CHECK(CellOf(*printer, row, "Name") == "standard (default)");
  CHECK(CellOf(*printer, row, "Provisioner") == "rancher.io/local-path");
  CHECK(CellOf(*printer, row, "ReclaimPolicy") == "Delete");
  CHECK(CellOf(*printer, row, "VolumeBindingMode") == "WaitForFirstConsumer");
  CHECK(CellOf(*printer, row, "AllowVolumeExpansion") == "true");

  // Unset policies print their defaults; the beta annotation also marks the
  // default.
  row = printer->Row(Parse<k8s::storage::v1::StorageClass>(
                         "metadata { name: 'old' annotations { key: "
                         "'storageclass.beta.kubernetes.io/is-default-class' "
                         "value: 'true' } } "
                         "provisioner: 'p'"),
                     kNow);
  CHECK(CellOf(*printer, row, "Name") == "old (default)");
  CHECK(CellOf(*printer, row, "ReclaimPolicy") == "Delete");
  CHECK(CellOf(*printer, row, "VolumeBindingMode") == "Immediate");
  CHECK(CellOf(*printer, row, "AllowVolumeExpansion") == "false");

  row = printer->Row(
      Parse<k8s::storage::v1::StorageClass>(
          "metadata { name: 'slow' annotations { key: "
          "'storageclass.kubernetes.io/is-default-class' value: 'false' } }"),
      kNow);
  CHECK(CellOf(*printer, row, "Name") == "slow");
}

TEST_CASE("CSIDriver table", "[printers]") {
  const auto printer = NewCSIDriverPrinter();
  CHECK(ColumnNames(*printer) ==
        std::vector<std::string>{"Name", "AttachRequired", "PodInfoOnMount",
                                 "StorageCapacity", "TokenRequests",
                                 "RequiresRepublish", "Modes", "Age"});
  auto row = printer->Row(Parse<k8s::storage::v1::CSIDriver>(
                              "metadata { name: 'csi.example.com' } spec { "
                              "attachRequired: false podInfoOnMount: true "
                              "volumeLifecycleModes: 'Persistent' "
                              "volumeLifecycleModes: 'Ephemeral' "
                              "tokenRequests { audience: 'vault' } "
                              "tokenRequests { audience: 'gcp' } }"),
                          kNow);
  CHECK(CellOf(*printer, row, "AttachRequired") == "false");
  CHECK(CellOf(*printer, row, "PodInfoOnMount") == "true");
  CHECK(CellOf(*printer, row, "StorageCapacity") == "false");
  CHECK(CellOf(*printer, row, "TokenRequests") == "vault,gcp");
  CHECK(CellOf(*printer, row, "RequiresRepublish") == "false");
  CHECK(CellOf(*printer, row, "Modes") == "Persistent,Ephemeral");
  row = printer->Row(
      Parse<k8s::storage::v1::CSIDriver>("metadata { name: 'bare' }"), kNow);
  CHECK(CellOf(*printer, row, "AttachRequired") == "true");
  CHECK(CellOf(*printer, row, "TokenRequests") == "<unset>");
  CHECK(CellOf(*printer, row, "Modes") == "<none>");
}

TEST_CASE("CSINode and VolumeAttachment tables", "[printers]") {
  const auto nodes = NewCSINodePrinter();
  CHECK(ColumnNames(*nodes) ==
        std::vector<std::string>{"Name", "Drivers", "Age"});
  auto row = nodes->Row(
      Parse<k8s::storage::v1::CSINode>("metadata { name: 'node-1' } spec { "
                                       "drivers { name: 'a' nodeID: 'n' } "
                                       "drivers { name: 'b' nodeID: 'n' } }"),
      kNow);
  CHECK(std::get<int64_t>(row[1]) == 2);

  const auto attachments = NewVolumeAttachmentPrinter();
  CHECK(ColumnNames(*attachments) ==
        std::vector<std::string>{"Name", "Attacher", "PV", "Node", "Attached",
                                 "Age"});
  row = attachments->Row(
      Parse<k8s::storage::v1::VolumeAttachment>(
          "metadata { name: 'csi-123' } spec { attacher: 'csi.example.com' "
          "source { persistentVolumeName: 'pv-1' } nodeName: 'node-1' } status "
          "{ attached: true }"),
      kNow);
  CHECK(CellOf(*attachments, row, "Attacher") == "csi.example.com");
  CHECK(CellOf(*attachments, row, "PV") == "pv-1");
  CHECK(CellOf(*attachments, row, "Node") == "node-1");
  CHECK(CellOf(*attachments, row, "Attached") == "true");
}

} // namespace
} // namespace kube::apiserver
