#pragma once

#include <openssl/x509v3.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace kube::pki {

// The canonical text of an IPv4 or IPv6 address ("::1", "10.96.0.1"), or nullopt
// when `text` is not one; so "0:0::1" and "::1" compare equal.
std::optional<std::string> CanonicalIpAddress(std::string_view text);

// Whether `name` can be a DNS subjectAltName: 1-253 characters of letters, digits,
// '-', '.', '_' and '*' (wildcards).
bool IsDnsName(std::string_view name);

// Sorts user-given names ("node1", "172.30.0.11") into DNS names and IP addresses,
// appending to `dns_names` / `ip_addresses`; InvalidArgument naming an entry that
// is neither.
absl::Status SplitSubjectAltNames(const std::vector<std::string>& names,
                                  std::vector<std::string>& dns_names,
                                  std::vector<std::string>& ip_addresses);

// Appends the DNS and IP entries of a subjectAltName (IPs as text).
void ReadGeneralNames(const GENERAL_NAMES* names, std::vector<std::string>& dns_names,
                      std::vector<std::string>& ip_addresses);

}  // namespace kube::pki
