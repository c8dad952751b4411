#pragma once

#include <string>
#include <string_view>
#include <vector>

// Helpers that spell errors the way apimachinery's Go code does, so clients
// that match on upstream wording (and people who know it) see the same text.
namespace kube::selectors::internal {

// Go's strconv.Quote / fmt "%q": a double-quoted string with Go escapes.
std::string GoQuote(std::string_view s);

// encoding/json of a []string: `null` when is_nil, else `["a","b"]`.
std::string JsonStringList(const std::vector<std::string>& values, bool is_nil);

// field.Invalid(path, value, detail).Error() where value is already rendered
// (GoQuote for a string, JsonStringList for a list): `path: Invalid value: v: detail`.
std::string InvalidValue(std::string_view path, std::string_view rendered_value,
                         std::string_view detail);

// utilerrors.NewAggregate(errs).Error(): the one message, or "[a, b]" with
// duplicates dropped. Empty when errs is empty.
std::string Aggregate(const std::vector<std::string>& errs);

// Decodes the UTF-8 sequence at s[pos] as Go's range-over-string does:
// returns the bytes it spans (1 for an invalid byte) and stores the code point
// (U+FFFD for an invalid byte) in *rune.
size_t DecodeRune(std::string_view s, size_t pos, char32_t* rune);

// Appends rune to out as UTF-8 (Go's WriteRune).
void AppendRune(char32_t rune, std::string* out);

}  // namespace kube::selectors::internal
