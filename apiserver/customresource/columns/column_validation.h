#pragma once

// upstream's ValidateCustomResourceColumnDefinition, applied to each of a CRD
// version's additionalPrinterColumns.

#include <string_view>
#include <vector>

#include "apiserver/customresource/columns/printer_column.h"
#include "common/api/field_error.h"

namespace kube::apiserver::customresource {

// Errors under `path`, e.g. "spec.versions[0].additionalPrinterColumns", with
// upstream's fields and wording:
//   <path>[i].name: Required value
//   <path>[i].type: Invalid value: "int": must be one of boolean,date,integer,number,string
//   <path>[i].format: Invalid value: "x": must be one of
//   byte,date,date-time,double,float,int32,int64,password <path>[i].JSONPath: Invalid value:
//   "spec": must be a simple json path starting with .
// ("JSONPath" is upstream's spelling in these paths). Like upstream, it does not
// parse the path further nor check the priority: a path that does not parse is
// accepted, and the table then falls back (see TableConvertor).
api::FieldErrors ValidatePrinterColumns(const std::vector<PrinterColumn>& columns,
                                        std::string_view path);

}  // namespace kube::apiserver::customresource
