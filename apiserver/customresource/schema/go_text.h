#pragma once

// Values rendered as upstream's Go code prints them in messages, and the JSON types
// kube-openapi infers, for a value held as Go's unstructured content holds it:
// integers that fit int64 are int64, every other number is float64.

#include <string>
#include <string_view>

#include "rapidjson/document.h"

namespace kube::apiserver::crd_schema {

// True if Go holds the number as int64 (an integer literal within int64's range).
bool IsGoInt(const rapidjson::Value& value);
// The number as float64 (any JSON number).
double AsFloat(const rapidjson::Value& value);

// fmt's %v of a float64: shortest digits, exponent form below 1e-4 and from 1e+06 on
// (10, 1.5, 1e+06, 1.234567e+06).
std::string GoFloat(double value);

// %v of a JSON number as Go holds it.
std::string GoNumber(const rapidjson::Value& number);

// A field.Error's bad value: strings quoted, numbers and bools as %v, null as null,
// objects and arrays as %#v (map[string]interface {}{"a":1}, []interface {}{"x"}).
std::string GoErrorValue(const rapidjson::Value& value);

// The type kube-openapi infers: string, integer, number, boolean, object, array, null.
std::string_view OpenApiTypeOf(const rapidjson::Value& value);

}  // namespace kube::apiserver::crd_schema
