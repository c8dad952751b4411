#pragma once

// One entry of a CRD version's additionalPrinterColumns, as plain data so that the
// printer needs no API type.

#include <cstdint>
#include <string>

namespace kube::apiserver::customresource {

// apiextensions.k8s.io/v1 CustomResourceColumnDefinition.
struct PrinterColumn {
  std::string name;         // "Ready"
  std::string type;         // integer, number, string, boolean or date
  std::string format;       // optional OpenAPI format, e.g. "int32"
  std::string description;  // empty: the printer describes the path instead
  int32_t priority = 0;     // 0 is shown by default, more only with -o wide
  std::string json_path;    // ".status.conditions[?(@.type==\"Ready\")].status"
};

}  // namespace kube::apiserver::customresource
