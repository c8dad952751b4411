#pragma once

// Helpers shared by the per-kind printers: standard columns, upstream's label and
// selector formatting, and TypedPrinter, which adapts a row function on one
// generated message type to the TablePrinter interface.

#include <google/protobuf/map.h>
#include <google/protobuf/message.h>
#include <google/protobuf/repeated_ptr_field.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "apiserver/printers/human_duration.h"
#include "apiserver/printers/table_printer.h"
#include "k8s/core/v1/core.pb.h"
#include "k8s/meta/v1/meta.pb.h"
#include "k8s/util/intstr/intstr.pb.h"

namespace kube::apiserver::printer_internal {

using StringMap = google::protobuf::Map<std::string, std::string>;
using Containers = google::protobuf::RepeatedPtrField<k8s::core::v1::Container>;

// {"Name", "string", "name", ...}: the column kubectl prefixes with "kind/".
TableColumn NameColumn(int priority = 0);
// {"Age", "string", "", ...}.
TableColumn AgeColumn();
TableColumn Column(std::string name, std::string type, std::string description, int priority = 0);
// Descriptions of the wide Containers and Images columns of kinds with a pod template.
inline constexpr char kContainersDescription[] = "Names of each container in the template.";
inline constexpr char kImagesDescription[] = "Images referenced by each container in the template.";

// The AGE cell of an object.
std::string Age(const k8s::meta::v1::ObjectMeta& meta, absl::Time now);

// labels.FormatLabels: "a=1,b=2" sorted by key, "<none>" when empty.
std::string FormatLabels(const StringMap& labels);
// The selector as upstream's labels.Selector.String(): requirements sorted by key,
// "k=v", "k in (a,b)", "k notin (a,b)", "k", "!k"; "" when it selects everything
// or is absent, "<error>" for an unknown operator.
std::string LabelSelectorString(const k8s::meta::v1::LabelSelector* selector);
// metav1.FormatLabelSelector: LabelSelectorString, or "<none>" when that is empty.
std::string FormatLabelSelector(const k8s::meta::v1::LabelSelector* selector);

// "5" or "25%".
std::string IntOrStringText(const k8s::util::intstr::IntOrString& value);
// "True", "False", or "<unset>" when absent.
std::string BoolPtrText(bool present, bool value);
// The names and images of containers, each comma-separated.
std::pair<std::string, std::string> ContainerCells(const Containers& containers);
// A replicas pointer as the API defaults it: absent means 1.
inline int64_t ReplicasOrDefault(bool present, int32_t value) { return present ? value : 1; }

// A row of "<unknown>" cells naming the object, for an object of the wrong type.
std::vector<TableCell> FallbackRow(const std::vector<TableColumn>& columns,
                                   const google::protobuf::Message& object);

// A TablePrinter for message type T from fixed columns and a row function.
template <typename T>
class TypedPrinter final : public TablePrinter {
 public:
  using RowFunction = std::vector<TableCell> (*)(const T& object, absl::Time now);

  TypedPrinter(std::vector<TableColumn> columns, RowFunction row)
      : columns_(std::move(columns)), row_(row) {}

  // TablePrinter
  std::vector<TableColumn> Columns() const override { return columns_; }
  std::vector<TableCell> Row(const google::protobuf::Message& object,
                             absl::Time now) const override {
    const T* typed = google::protobuf::DynamicCastToGenerated<T>(&object);
    if (typed == nullptr) return FallbackRow(columns_, object);
    return row_(*typed, now);
  }

 private:
  const std::vector<TableColumn> columns_;  // constant after construction
  const RowFunction row_;
};

template <typename T>
std::unique_ptr<TablePrinter> MakePrinter(std::vector<TableColumn> columns,
                                          typename TypedPrinter<T>::RowFunction row) {
  return std::make_unique<TypedPrinter<T>>(std::move(columns), row);
}

}  // namespace kube::apiserver::printer_internal
