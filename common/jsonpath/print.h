#pragma once

// kubectl's rendering of JSONPath results (client-go JSONPath.PrintResults and
// Execute): strings bare, objects and arrays as compact JSON (encoding/json, keys
// sorted), other scalars as Go prints them, null as "null"; the values of one
// {action} joined by single spaces, and the parts of a template concatenated.

#include <string>

#include "absl/status/statusor.h"
#include "common/jsonpath/evaluate.h"
#include "common/jsonpath/node.h"
#include "rapidjson/document.h"

namespace kube::jsonpath {

// One value as PrintResults writes it: "web", "3", "0.5", "true", "null",
// "{\"a\":1}", "[\"x\",\"y\"]".
std::string ValueText(const rapidjson::Value& value);

// PrintResults: the values' texts joined by " ".
std::string PrintResults(const Values& values);

// Execute: FindResults, then every node's PrintResults concatenated, e.g.
// "name={.metadata.name} replicas={.spec.replicas}" -> "name=web replicas=3".
absl::StatusOr<std::string> Execute(const Template& parsed, const rapidjson::Value& data,
                                    EvaluateOptions options = {});

}  // namespace kube::jsonpath
