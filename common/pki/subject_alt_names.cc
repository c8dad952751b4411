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

void ReadGeneralNames(const GENERAL_NAMES* names, std::vector<std::string>& dns_names,
                      std::vector<std::string>& ip_addresses) {
  for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, i);
    int type = 0;
    const auto* value = static_cast<const ASN1_STRING*>(GENERAL_NAME_get0_value(name, &type));
    const unsigned char* data = ASN1_STRING_get0_data(value);
    int length = ASN1_STRING_length(value);
    if (type == GEN_DNS) {
      dns_names.emplace_back(reinterpret_cast<const char*>(data), static_cast<size_t>(length));
    } else if (type == GEN_IPADD && (length == 4 || length == 16)) {
      char text[INET6_ADDRSTRLEN];
      if (inet_ntop(length == 4 ? AF_INET : AF_INET6, data, text, sizeof(text)) != nullptr) {
        ip_addresses.emplace_back(text);
      }
    }
  }
}

}  // namespace kube::pki
