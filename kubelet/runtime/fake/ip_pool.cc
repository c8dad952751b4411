#include "kubelet/runtime/fake/ip_pool.h"

#include <arpa/inet.h>

#include "absl/strings/numbers.h"
#include "common/util/strings.h"

namespace kube::kubelet::fake {
namespace {

bool ParseIp(const std::string& text, uint32_t* out) {
  in_addr addr{};
  if (inet_pton(AF_INET, text.c_str(), &addr) != 1) return false;
  *out = ntohl(addr.s_addr);
  return true;
}

std::string FormatIp(uint32_t ip) {
  in_addr addr{};
  addr.s_addr = htonl(ip);
  char buffer[INET_ADDRSTRLEN];
  inet_ntop(AF_INET, &addr, buffer, sizeof(buffer));
  return buffer;
}

}  // namespace

absl::StatusOr<IpPool> IpPool::Create(const std::string& cidr) {
  size_t slash = cidr.find('/');
  uint32_t base = 0;
  int bits = 0;
  if (slash == std::string::npos || !ParseIp(cidr.substr(0, slash), &base) ||
      !absl::SimpleAtoi(cidr.substr(slash + 1), &bits) || bits < 0 || bits > 30) {
    return absl::InvalidArgumentError(
        kube::StrCat("pod CIDR \"", cidr, "\": want an IPv4 CIDR of /30 or wider"));
  }
  uint32_t mask = bits == 0 ? 0 : ~uint32_t{0} << (32 - bits);
  uint32_t network = base & mask;
  uint32_t broadcast = network | ~mask;
  // .1 is the bridge's (gateway) address.
  return IpPool(network + 2, broadcast - 1);
}

absl::StatusOr<std::string> IpPool::Allocate() {
  uint64_t size = uint64_t{last_} - first_ + 1;
  if (used_.size() >= size) return absl::ResourceExhaustedError("pod CIDR exhausted");
  uint32_t candidate = next_;
  while (used_.contains(candidate)) candidate = candidate == last_ ? first_ : candidate + 1;
  used_.insert(candidate);
  next_ = candidate == last_ ? first_ : candidate + 1;
  return FormatIp(candidate);
}

void IpPool::Reserve(const std::string& ip) {
  uint32_t value = 0;
  if (ParseIp(ip, &value) && value >= first_ && value <= last_) used_.insert(value);
}

void IpPool::Release(const std::string& ip) {
  uint32_t value = 0;
  if (ParseIp(ip, &value)) used_.erase(value);
}

}  // namespace kube::kubelet::fake
