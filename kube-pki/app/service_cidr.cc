#include "kube-pki/app/service_cidr.h"

#include <arpa/inet.h>

#include "absl/strings/numbers.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "common/util/strings.h"

namespace kube::pki::app {
namespace {

absl::StatusOr<std::string> FirstAddress(const std::string& cidr) {
  size_t slash = cidr.find('/');
  int prefix = -1;
  if (slash == std::string::npos || !absl::SimpleAtoi(cidr.substr(slash + 1), &prefix)) {
    return absl::InvalidArgumentError(StrCat("invalid CIDR \"", cidr, "\""));
  }
  std::string address = cidr.substr(0, slash);
  unsigned char bytes[16] = {};
  int family = address.find(':') == std::string::npos ? AF_INET : AF_INET6;
  int bits = family == AF_INET ? 32 : 128;
  if (inet_pton(family, address.c_str(), bytes) != 1 || prefix < 0 || prefix > bits) {
    return absl::InvalidArgumentError(StrCat("invalid CIDR \"", cidr, "\""));
  }
  if (prefix > bits - 2) {  // leaves no first host address
    return absl::InvalidArgumentError(StrCat("CIDR \"", cidr, "\" is too small for Services"));
  }
  // The network address (host bits cleared), plus one.
  for (int bit = prefix; bit < bits; ++bit) bytes[bit / 8] &= static_cast<unsigned char>(~(0x80 >> (bit % 8)));
  bytes[bits / 8 - 1] |= 1;
  char text[INET6_ADDRSTRLEN];
  inet_ntop(family, bytes, text, sizeof(text));
  return std::string(text);
}

}  // namespace

absl::StatusOr<std::vector<std::string>> FirstServiceAddresses(std::string_view service_cidrs) {
  std::vector<std::string> addresses;
  for (absl::string_view cidr : absl::StrSplit(absl::string_view(service_cidrs.data(), service_cidrs.size()),
                                                ',', absl::SkipWhitespace())) {
    absl::StatusOr<std::string> first = FirstAddress(std::string(absl::StripAsciiWhitespace(cidr)));
    if (!first.ok()) return first.status();
    addresses.push_back(*first);
  }
  if (addresses.empty()) return absl::InvalidArgumentError("no service CIDR given");
  return addresses;
}

}  // namespace kube::pki::app
