#pragma once

#include <vector>

#include "apiserver/customresource/columns/table_convertor.h"
#include "apiserver/printers/table_printer.h"
#include "k8s/apiextensions/v1/apiextensions.pb.h"

namespace kube::apiserver::customresource {

// A CRD version's printer columns as data.
std::vector<PrinterColumn> PrinterColumnsOf(
    const k8s::apiextensions::v1::CustomResourceDefinitionVersion& version);

// The Table of a custom resource version: Name, then its additionalPrinterColumns
// (Age when it declares none), each cell from the column's JSONPath.
class CustomResourcePrinter : public TablePrinter {
 public:
  explicit CustomResourcePrinter(const std::vector<PrinterColumn>& columns);
  std::vector<TableColumn> Columns() const override;
  std::vector<TableCell> Row(const google::protobuf::Message& object,
                             absl::Time now) const override;

 private:
  const TableConvertor convertor_;
};

}  // namespace kube::apiserver::customresource
