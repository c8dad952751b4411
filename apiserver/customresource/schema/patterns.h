#pragma once

// The `pattern`s of a schema compiled once, with RE2: Go's regexp syntax and semantics
// (upstream compiles patterns with Go's regexp), linear-time matching on any input.

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "rapidjson/document.h"
#include "re2/re2.h"

namespace kube::apiserver::crd_schema {

// Compiled patterns keyed by their text. Immutable once built, so one instance serves
// concurrent validations of the custom resources of one CRD version.
class SchemaPatterns {
 public:
  // Compiles every `pattern` string found anywhere in `schema`.
  explicit SchemaPatterns(const rapidjson::Value& schema);

  // The compiled pattern, or null if it was not in the schema or does not compile.
  const RE2* Find(std::string_view pattern) const;

 private:
  std::unordered_map<std::string, std::unique_ptr<RE2>> compiled_;
};

// Go's regexp.Compile error for `pattern` ("error parsing regexp: missing closing ):
// `(a`"), or "" if it compiles.
std::string PatternError(std::string_view pattern);

}  // namespace kube::apiserver::crd_schema
