#pragma once

#include <vector>

#include "apiserver/customresource/columns/printer_column.h"

namespace kube::apiserver::customresource {

// upstream's serveDefaultColumnsIfEmpty: a version that declares no columns is
// served with one, Age (type date, from .metadata.creationTimestamp), after the
// implicit Name.
std::vector<PrinterColumn> ServedColumns(std::vector<PrinterColumn> columns);

}  // namespace kube::apiserver::customresource
