#pragma once

// The server-side Table of custom resources, as upstream's apiextensions-apiserver
// tableconvertor builds it: an implicit Name column, then one column per printer
// column whose cells come from evaluating its JSONPath on the object's JSON.

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "apiserver/customresource/columns/printer_column.h"
#include "apiserver/printers/table_printer.h"
#include "common/jsonpath/node.h"
#include "rapidjson/document.h"

namespace kube::apiserver::customresource {

// A Table cell as upstream's convertor leaves it: null (std::monostate) when the
// path matches nothing or a value of another type than the column's, else a
// string, integer, number or boolean.
using Cell = std::variant<std::monostate, std::string, int64_t, double, bool>;

class TableConvertor {
 public:
  // upstream's tableconvertor.New. A column whose path does not parse stops the
  // list there: the convertor keeps Name and the columns before it, and status()
  // says which (`unrecognized column definition ".a["`); upstream serves that
  // fallback and logs the error.
  explicit TableConvertor(const std::vector<PrinterColumn>& columns);

  const absl::Status& status() const { return status_; }

  // Name ({"Name", "string", "name", ObjectMeta's description}), then each column;
  // an empty description becomes "Custom resource definition column (in JSONPath
  // format): <path>".
  const std::vector<TableColumn>& Columns() const { return headers_; }

  // One cell per column for `object` (a custom resource's JSON): metadata.name, then
  // each path's first match, missing keys allowed.
  //   string:  the match as kubectl prints it (strings bare, objects as JSON, JSON
  //            null as "<no value>")
  //   integer: an integer, or a number truncated toward zero
  //   number:  a number
  //   boolean: a boolean
  //   date:    the age of an RFC 3339 timestamp at `now` ("5m", "3d"), "<invalid>"
  //            if it does not parse, "<unknown>" for "" or the zero time
  // Anything else, an evaluation error, or no match is null.
  std::vector<Cell> Row(const rapidjson::Value& object, absl::Time now) const;

 private:
  std::vector<TableColumn> headers_;
  std::vector<jsonpath::Template> paths_;  // one per column after Name
  absl::Status status_;
};

// The cell as a JSON value, as it appears in a Table's rows[].cells.
rapidjson::Value CellJson(const Cell& cell, rapidjson::Value::AllocatorType& allocator);

}  // namespace kube::apiserver::customresource
