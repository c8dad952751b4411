#pragma once

// The `format`s upstream checks in custom resources: apiextensions keeps a schema's
// format only where it supports it (StripUnsupportedFormatsPostProcess) and kube-openapi
// checks string values against its format registry (strfmt.Default).

#include <string_view>

#include "rapidjson/document.h"

namespace kube::apiserver::crd_schema {

// The format validation uses for this node: "" when apiextensions strips it (string
// formats outside the supported list, integer formats but int32/int64, number formats
// but float/double, any format on other types).
std::string_view EffectiveFormat(const rapidjson::Value& schema);

// True if `format` names a string format of the registry ("date-time" and "datetime"
// alike: names compare without dashes).
bool IsStringFormat(std::string_view format);

// True if `value` is valid for string format `format` (IsStringFormat holds). Formats
// parsed by Go's net and mail packages are approximated.
bool MatchesStringFormat(std::string_view format, std::string_view value);

}  // namespace kube::apiserver::crd_schema
