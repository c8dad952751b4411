#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kube::validation {

// Upstream's name and label checks (k8s.io/apimachinery/pkg/util/validation). Each
// returns the problems found, in upstream's words, or nothing when the value is
// valid; callers wrap them in field errors.

// RFC 1123 subdomain: most object names.
std::vector<std::string> IsDns1123Subdomain(std::string_view value);
// "*." followed by an RFC 1123 subdomain: wildcard Ingress hosts.
std::vector<std::string> IsWildcardDns1123Subdomain(std::string_view value);
// RFC 1123 label: namespace names, container and port names.
std::vector<std::string> IsDns1123Label(std::string_view value);
// RFC 1035 label (starts with a letter): service names.
std::vector<std::string> IsDns1035Label(std::string_view value);
// A label or annotation key: [prefix/]name.
std::vector<std::string> IsQualifiedName(std::string_view value);
// A label value: empty, or up to 63 alphanumerics and '-', '_', '.'.
std::vector<std::string> IsValidLabelValue(std::string_view value);
// A name usable as one path segment (not "." or "..", no '/' or '%').
std::vector<std::string> IsValidPathSegmentName(std::string_view value);
// An IANA_SVC_NAME: a named port (<= 15 chars, lower case, a letter, no "--").
std::vector<std::string> IsValidPortName(std::string_view value);
// An environment variable name (C identifier-ish, as upstream allows).
std::vector<std::string> IsEnvVarName(std::string_view value);
// A ConfigMap / Secret key: [-._a-zA-Z0-9]+, not "." or "..".
std::vector<std::string> IsConfigMapKey(std::string_view value);
// 1-65535.
std::vector<std::string> IsValidPortNumber(int64_t port);
// An IPv4 or IPv6 address in canonical text form.
std::vector<std::string> IsValidIp(std::string_view value);

}  // namespace kube::validation
