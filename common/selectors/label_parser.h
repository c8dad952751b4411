#pragma once

#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/selectors/requirement.h"

namespace kube::selectors::internal {

// Parses upstream's label selector syntax into requirements sorted by key:
//
//   <selector>    ::= <requirement> | <requirement> "," <selector>
//   <requirement> ::= ["!"] KEY [ ("in" | "notin") "(" VALUES ")"
//                                | ("=" | "==" | "!=" | ">" | "<") VALUE ]
//
// with upstream's lexer (whitespace between tokens, "in"/"notin" also usable
// as keys and values, empty values allowed) and its error messages.
absl::StatusOr<std::vector<Requirement>> ParseLabelRequirements(std::string_view selector);

}  // namespace kube::selectors::internal
