#pragma once

#include <string>
#include <variant>
#include <vector>

#include <google/protobuf/message.h>

#include "absl/time/time.h"

namespace kube::apiserver {

// One column of a server-side printed Table (meta.k8s.io/v1 TableColumnDefinition).
struct TableColumn {
  std::string name;         // "Name", "Ready", ... (kubectl upper-cases it)
  std::string type;         // "string", "integer", "date", ...
  std::string format;       // "name" for the name column, else ""
  std::string description;  // shown by `kubectl explain`-like tools
  int priority = 0;         // 0 is shown by default; 1 only with -o wide
};

// A cell is printed verbatim by kubectl: a string or an integer; custom resources'
// printer columns also give numbers, booleans and null (nothing matched).
using TableCell = std::variant<std::string, int64_t, std::monostate, double, bool>;

// Turns objects of one kind into the rows of a Table, with the columns kubectl
// users know from upstream (`kubectl get pods` shows NAME READY STATUS RESTARTS AGE
// and, with -o wide, IP NODE NOMINATED NODE READINESS GATES). Stateless.
class TablePrinter {
 public:
  virtual ~TablePrinter() = default;
  virtual std::vector<TableColumn> Columns() const = 0;
  // One cell per column, in order. `now` is the time ages are computed against.
  virtual std::vector<TableCell> Row(const google::protobuf::Message& object,
                                     absl::Time now) const = 0;
};

}  // namespace kube::apiserver
