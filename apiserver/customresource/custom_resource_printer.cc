#include "apiserver/customresource/custom_resource_printer.h"

#include "apiserver/customresource/columns/served_columns.h"
#include "apiserver/customresource/content.h"

namespace kube::apiserver::customresource {

std::vector<PrinterColumn> PrinterColumnsOf(
    const k8s::apiextensions::v1::CustomResourceDefinitionVersion& version) {
  std::vector<PrinterColumn> columns;
  for (const auto& column : version.additionalprintercolumns()) {
    columns.push_back({column.name(), column.type(), column.format(), column.description(),
                       column.priority(), column.jsonpath()});
  }
  return columns;
}

CustomResourcePrinter::CustomResourcePrinter(const std::vector<PrinterColumn>& columns)
    : convertor_(ServedColumns(columns)) {}

std::vector<TableColumn> CustomResourcePrinter::Columns() const { return convertor_.Columns(); }

std::vector<TableCell> CustomResourcePrinter::Row(const google::protobuf::Message& object,
                                                  absl::Time now) const {
  std::vector<TableCell> cells;
  for (Cell& cell : convertor_.Row(ObjectJson(object), now)) {
    std::visit([&cells](auto& value) { cells.push_back(TableCell(std::move(value))); }, cell);
  }
  return cells;
}

}  // namespace kube::apiserver::customresource
