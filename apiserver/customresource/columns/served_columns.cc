#include "apiserver/customresource/columns/served_columns.h"

#include <utility>

#include "apiserver/printers/printer_util.h"

namespace kube::apiserver::customresource {

std::vector<PrinterColumn> ServedColumns(std::vector<PrinterColumn> columns) {
  if (!columns.empty()) return columns;
  // Described as ObjectMeta's creationTimestamp, like every kind's Age column.
  return {PrinterColumn{.name = "Age",
                        .type = "date",
                        .format = "",
                        .description = printer_internal::AgeColumn().description,
                        .priority = 0,
                        .json_path = ".metadata.creationTimestamp"}};
}

}  // namespace kube::apiserver::customresource
