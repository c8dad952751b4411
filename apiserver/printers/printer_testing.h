#pragma once

// Test helpers for the printer tests: objects from protobuf text, cells as text.

#include <google/protobuf/text_format.h>

#include <catch2/catch.hpp>
#include <string>
#include <variant>
#include <vector>

#include "absl/time/time.h"
#include "apiserver/printers/table_printer.h"

namespace kube::apiserver::testing {

// The clock every test prints against.
inline const absl::Time kNow = absl::FromUnixSeconds(1'700'000'000);

// kNow minus `seconds`, as text-format Time fields: "{ seconds: N }".
inline std::string Ago(int64_t seconds) {
  return "{ seconds: " + std::to_string(1'700'000'000 - seconds) + " }";
}

// Parses a message of type T from protobuf text format; fails the test on error.
template <typename T>
T Parse(const std::string& text) {
  T message;
  INFO(text);
  REQUIRE(google::protobuf::TextFormat::ParseFromString(text, &message));
  return message;
}

// A cell as it would appear on the wire, ints as decimal text.
inline std::string Text(const TableCell& cell) {
  if (const auto* s = std::get_if<std::string>(&cell)) return *s;
  if (const auto* n = std::get_if<int64_t>(&cell)) return std::to_string(*n);
  if (const auto* d = std::get_if<double>(&cell)) return std::to_string(*d);
  if (const auto* b = std::get_if<bool>(&cell)) return *b ? "true" : "false";
  return "null";
}

// The cell under the column named `name`.
inline std::string CellOf(const TablePrinter& printer, const std::vector<TableCell>& row,
                          const std::string& name) {
  const std::vector<TableColumn> columns = printer.Columns();
  REQUIRE(columns.size() == row.size());
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].name == name) return Text(row[i]);
  }
  FAIL("no column " << name);
  return "";
}

// The printer's column names, in order.
inline std::vector<std::string> ColumnNames(const TablePrinter& printer) {
  std::vector<std::string> names;
  for (const auto& column : printer.Columns()) names.push_back(column.name);
  return names;
}

}  // namespace kube::apiserver::testing
