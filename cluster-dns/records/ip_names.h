#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kube::dns {

// An IP address in its wire form: 4 bytes (IPv4) or 16 (IPv6). nullopt for
// anything else ("None", "", a hostname).
std::optional<std::string> ParseIp(std::string_view text);

// The reverse-lookup labels of a wire address: "4.3.2.1.in-addr.arpa" or the 32
// nibbles of "...ip6.arpa", most specific first.
std::vector<std::string> ReverseLabels(const std::string& address);

// The label CoreDNS uses for an endpoint without a hostname: "10-0-0-7", or for
// IPv6 the full form with ':' replaced by '-'.
std::string DashedLabel(const std::string& address);

// "10-0-0-7" back to its 4 wire bytes, for <a-b-c-d>.<ns>.pod.<domain>; nullopt if
// the label is not exactly four dashed decimal octets.
std::optional<std::string> ParseDashedIpv4(std::string_view label);

}  // namespace kube::dns
