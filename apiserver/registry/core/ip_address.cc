#include "apiserver/registry/core/ip_address.h"

#include <arpa/inet.h>

#include <cstring>

#include "common/util/strings.h"
#include "common/validation/names.h"

namespace kube::apiserver::core {
namespace {

bool ParseIpv6Bytes(std::string_view text, unsigned char out[16]) {
  std::string copy(text);
  return inet_pton(AF_INET6, copy.c_str(), out) == 1;
}

}  // namespace

std::optional<uint32_t> ParseIpv4(std::string_view text) {
  std::string copy(text);
  in_addr address{};
  if (inet_pton(AF_INET, copy.c_str(), &address) != 1) return std::nullopt;
  return ntohl(address.s_addr);
}

std::string FormatIpv4(uint32_t address) {
  return StrCat(address >> 24, ".", (address >> 16) & 0xff, ".", (address >> 8) & 0xff, ".",
                address & 0xff);
}

bool IsIpv6(std::string_view text) {
  unsigned char bytes[16];
  return ParseIpv6Bytes(text, bytes);
}

absl::StatusOr<Ipv4Cidr> ParseIpv4Cidr(std::string_view text) {
  size_t slash = text.find('/');
  auto invalid = [&] {
    return absl::InvalidArgumentError(StrCat("invalid IPv4 CIDR \"", text, "\""));
  };
  if (slash == std::string_view::npos) return invalid();
  std::optional<uint32_t> address = ParseIpv4(text.substr(0, slash));
  std::string_view length_text = text.substr(slash + 1);
  if (!address || length_text.empty() || length_text.size() > 2) return invalid();
  int length = 0;
  for (char c : length_text) {
    if (c < '0' || c > '9') return invalid();
    length = length * 10 + (c - '0');
  }
  if (length > 32) return invalid();
  uint32_t mask = length == 0 ? 0 : ~uint32_t{0} << (32 - length);
  return Ipv4Cidr{*address & mask, length};
}

void ValidateCidr(const std::string& value, const std::string& field, api::FieldErrors& errors) {
  size_t slash = value.find('/');
  bool valid = false;
  if (slash != std::string::npos && slash + 1 < value.size()) {
    std::string address = value.substr(0, slash);
    std::string length = value.substr(slash + 1);
    bool digits = length.size() <= 3 && length.find_first_not_of("0123456789") == std::string::npos;
    int bits = digits ? std::stoi(length) : -1;
    if (ParseIpv4(address)) {
      valid = digits && bits <= 32;
    } else if (IsIpv6(address)) {
      valid = digits && bits <= 128;
    }
  }
  if (!valid) {
    errors.push_back(api::Invalid(field, value,
                                  "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"));
  }
}

void ValidateIp(const std::string& value, const std::string& field, api::FieldErrors& errors) {
  for (const std::string& message : validation::IsValidIp(value)) {
    errors.push_back(api::Invalid(field, value, message));
  }
}

void ValidateNonSpecialIp(const std::string& value, const std::string& field,
                          api::FieldErrors& errors) {
  bool unspecified = false, loopback = false, link_local = false, link_local_multicast = false;
  if (std::optional<uint32_t> v4 = ParseIpv4(value)) {
    unspecified = *v4 == 0;
    loopback = (*v4 >> 24) == 127;
    link_local = (*v4 >> 16) == 0xa9fe;  // 169.254.0.0/16
    link_local_multicast = (*v4 >> 8) == 0xe00000;  // 224.0.0.0/24
  } else {
    unsigned char bytes[16];
    if (!ParseIpv6Bytes(value, bytes)) return;  // reported as an invalid IP already
    static const unsigned char kZero[16] = {};
    unsigned char one[16] = {};
    one[15] = 1;
    unspecified = std::memcmp(bytes, kZero, 16) == 0;
    loopback = std::memcmp(bytes, one, 16) == 0;
    link_local = bytes[0] == 0xfe && (bytes[1] & 0xc0) == 0x80;
    link_local_multicast = bytes[0] == 0xff && (bytes[1] & 0x0f) == 0x02;
  }
  if (unspecified) {
    errors.push_back(api::Invalid(field, value, StrCat("may not be unspecified (", value, ")")));
  }
  if (loopback) {
    errors.push_back(api::Invalid(field, value, "may not be in the loopback range (127.0.0.0/8, ::1/128)"));
  }
  if (link_local) {
    errors.push_back(api::Invalid(field, value, "may not be in the link-local range (169.254.0.0/16, fe80::/10)"));
  }
  if (link_local_multicast) {
    errors.push_back(api::Invalid(field, value,
                                  "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)"));
  }
}

}  // namespace kube::apiserver::core
