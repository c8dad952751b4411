#include "common/pki/subject_alt_names.h"

#include <arpa/inet.h>

#include "common/util/strings.h"

namespace kube::pki {

std::optional<std::string> CanonicalIpAddress(std::string_view text) {
  std::string copy(text);
  unsigned char address[16];
  char buffer[INET6_ADDRSTRLEN];
  for (int family : {AF_INET, AF_INET6}) {
    if (inet_pton(family, copy.c_str(), address) == 1 &&
        inet_ntop(family, address, buffer, sizeof(buffer)) != nullptr) {
      return std::string(buffer);
    }
  }
  return std::nullopt;
}

bool IsDnsName(std::string_view name) {
  if (name.empty() || name.size() > 253) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '.' || c == '*' || c == '_';
    if (!ok) return false;
  }
  return true;
}

absl::Status SplitSubjectAltNames(const std::vector<std::string>& names,
                                  std::vector<std::string>& dns_names,
                                  std::vector<std::string>& ip_addresses) {
  for (const std::string& name : names) {
    if (std::optional<std::string> ip = CanonicalIpAddress(name)) {
      ip_addresses.push_back(*ip);
    } else if (IsDnsName(name)) {
      dns_names.push_back(name);
    } else {
      return absl::InvalidArgumentError(
          StrCat("\"", name, "\" is neither an IP address nor a DNS name"));
    }
  }
  return absl::OkStatus();
}

}  // namespace kube::pki
