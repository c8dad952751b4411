#pragma once

// How Go prints the values of an unstructured object (map[string]interface{},
// []interface{}, string, int64, float64, bool, nil), which is what kubectl's
// JSONPath printing and error messages show. JSON integers are int64 and other
// numbers float64, as apimachinery decodes them.

#include <string>
#include <string_view>

#include "rapidjson/document.h"

namespace kube::jsonpath {

// The text of a string value.
inline std::string_view StringOf(const rapidjson::Value& string) {
  return {string.GetString(), string.GetStringLength()};
}

// True for a number Go holds as int64; other numbers are float64.
bool IsGoInt(const rapidjson::Value& value);

// fmt.Print of a float64 (%v, Go's shortest %g): exponent form below 1e-4 and from
// 1e6 on, e.g. "0.5", "123456", "1e+06", "1.5e-05".
std::string GoFloatText(double value);

// encoding/json.Marshal: keys sorted, <>& and U+2028/U+2029 escaped, Go's numbers.
std::string GoJsonMarshal(const rapidjson::Value& value);

// fmt's %v, for error messages: "map[a:1 b:[x y]]", "<nil>".
std::string GoValueText(const rapidjson::Value& value);

// The Go type name of the value: "map[string]interface {}", "[]interface {}",
// "string", "int64", "float64", "bool", or "<nil>".
const char* GoTypeName(const rapidjson::Value& value);

}  // namespace kube::jsonpath
