#include "cluster-dns/records/ip_names.h"

#include <arpa/inet.h>

#include <cstdio>

namespace kube::dns {

std::optional<std::string> ParseIp(std::string_view text) {
  const std::string s(text);
  unsigned char buffer[16];
  if (inet_pton(AF_INET, s.c_str(), buffer) == 1) return std::string(reinterpret_cast<char*>(buffer), 4);
  if (inet_pton(AF_INET6, s.c_str(), buffer) == 1) return std::string(reinterpret_cast<char*>(buffer), 16);
  return std::nullopt;
}

std::vector<std::string> ReverseLabels(const std::string& address) {
  std::vector<std::string> labels;
  if (address.size() == 4) {
    for (int i = 3; i >= 0; --i) labels.push_back(std::to_string(static_cast<uint8_t>(address[i])));
    labels.push_back("in-addr");
  } else if (address.size() == 16) {
    static constexpr char kHex[] = "0123456789abcdef";
    for (int i = 15; i >= 0; --i) {
      const uint8_t byte = static_cast<uint8_t>(address[i]);
      labels.emplace_back(1, kHex[byte & 0x0F]);
      labels.emplace_back(1, kHex[byte >> 4]);
    }
    labels.push_back("ip6");
  } else {
    return {};
  }
  labels.push_back("arpa");
  return labels;
}

std::string DashedLabel(const std::string& address) {
  if (address.size() == 4) {
    const auto* b = reinterpret_cast<const uint8_t*>(address.data());
    return std::to_string(b[0]) + "-" + std::to_string(b[1]) + "-" + std::to_string(b[2]) + "-" +
           std::to_string(b[3]);
  }
  std::string out;
  for (size_t i = 0; i < address.size(); i += 2) {
    char group[6];
    snprintf(group, sizeof(group), "%x",
             (static_cast<uint8_t>(address[i]) << 8) | static_cast<uint8_t>(address[i + 1]));
    if (!out.empty()) out.push_back('-');
    out.append(group);
  }
  return out;
}

std::optional<std::string> ParseDashedIpv4(std::string_view label) {
  std::string out;
  size_t start = 0;
  for (int part = 0; part < 4; ++part) {
    size_t end = part == 3 ? label.size() : label.find('-', start);
    if (end == std::string_view::npos || end == start || end - start > 3) return std::nullopt;
    int value = 0;
    for (size_t i = start; i < end; ++i) {
      if (label[i] < '0' || label[i] > '9') return std::nullopt;
      value = value * 10 + (label[i] - '0');
    }
    if (value > 255) return std::nullopt;
    out.push_back(static_cast<char>(value));
    start = end + 1;
  }
  return out;
}

}  // namespace kube::dns
