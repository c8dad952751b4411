#pragma once

// Equality of JSON values as upstream compares them in enum and list-type checks.

#include <string>

#include "common/codec/json_text.h"
#include "rapidjson/document.h"

namespace kube::apiserver::crd_schema {

// Deep equality; numbers compare by value (1 equals 1.0).
using codec::JsonEqual;

// The identity of an x-kubernetes-list-type=set item (listtype.validateListSet): a
// scalar by its Go type and value (int64 1 and float64 1 differ), an object or array
// by its json.Marshal text (keys sorted, so key order does not matter).
std::string SetKey(const rapidjson::Value& value);

}  // namespace kube::apiserver::crd_schema
