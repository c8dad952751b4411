#pragma once

#include <string>
#include <string_view>
#include <vector>

// Syntax checks for label keys and values, with apimachinery's wording
// (k8s.io/apimachinery/pkg/api/validate/content). Each returns the list of
// problems; an empty list means the input is valid.
namespace kube::selectors {

// A label key ("qualified name"): an optional DNS-1123 subdomain prefix and
// '/', then a name of at most 63 characters from [-A-Za-z0-9_.] that starts
// and ends with an alphanumeric character.
std::vector<std::string> IsQualifiedName(std::string_view value);

// A label value: empty, or like a qualified name without a prefix.
std::vector<std::string> IsValidLabelValue(std::string_view value);

// A lowercase RFC 1123 subdomain of at most 253 characters.
std::vector<std::string> IsDNS1123Subdomain(std::string_view value);

}  // namespace kube::selectors
