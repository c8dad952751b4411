#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kube::jsonpath {

// Upstream's UnquoteExtend: Go's strconv.Unquote for a string in double or single
// quotes, with Go's escapes (\n, \t, \x41, \101, \u00e9, \U0001F600, \" or \').
// nullopt for what Go rejects ("invalid syntax").
std::optional<std::string> UnquoteExtend(std::string_view quoted);

}  // namespace kube::jsonpath
