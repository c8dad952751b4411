#pragma once

// Parses kubectl JSONPath templates as client-go's util/jsonpath parser does,
// quirks included, so a template means here what it means to kubectl and to the
// CRD printer: "{.status.conditions[?(@.type==\"Ready\")].status}", "{.items[*].name}",
// "{['spec']['replicas']}", "{..name}", "{.items[-1:]}", "x={.a} y={.b}".
//
// Upstream quirks kept: ['a.b'] means .a.b (escape the dot, ['a\.b'] or .a\.b, for a
// key holding one); text outside {} is literal; a field name runs to the next
// . , [ ] $ @ { } or space, and a backslash escapes one character.

#include <string_view>

#include "absl/status/statusor.h"
#include "common/jsonpath/node.h"

namespace kube::jsonpath {

// upstream Parse: `text` is a template, actions inside braces. A syntax error is
// InvalidArgument with upstream's message ("unclosed action", "invalid array index x",
// "unterminated filter", "unrecognized character in action: U+0021 '!'", ...).
absl::StatusOr<Template> Parse(std::string_view text);

// A bare path such as ".spec.replicas", wrapped in braces as the CRD printer
// (tableconvertor) does before parsing.
absl::StatusOr<Template> ParseExpression(std::string_view path);

}  // namespace kube::jsonpath
