#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "common/api/field_error.h"

// IP and CIDR text as the core kinds use it (cluster IPs, endpoints, pod CIDRs).
namespace kube::apiserver::core {

// Dotted-quad IPv4 as a host-order integer, or nullopt.
std::optional<uint32_t> ParseIpv4(std::string_view text);
std::string FormatIpv4(uint32_t address);
bool IsIpv6(std::string_view text);

// An IPv4 network: base address (host bits cleared) and prefix length.
struct Ipv4Cidr {
  uint32_t base = 0;
  int prefix_length = 0;
  uint64_t Size() const { return uint64_t{1} << (32 - prefix_length); }
};
// "10.0.0.0/24"; InvalidArgument for anything else (IPv6 ranges are not supported).
absl::StatusOr<Ipv4Cidr> ParseIpv4Cidr(std::string_view text);

// Upstream's IsValidCIDR for either family: appends
// "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)".
void ValidateCidr(const std::string& value, const std::string& field, api::FieldErrors& errors);
// Upstream's IsValidIP.
void ValidateIp(const std::string& value, const std::string& field, api::FieldErrors& errors);
// Upstream's ValidateNonSpecialIP: no unspecified, loopback or link-local addresses.
void ValidateNonSpecialIp(const std::string& value, const std::string& field,
                          api::FieldErrors& errors);

}  // namespace kube::apiserver::core
