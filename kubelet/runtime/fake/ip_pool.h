#pragma once

#include <cstdint>
#include <set>
#include <string>

#include "absl/status/statusor.h"

namespace kube::kubelet::fake {

// Hands out the IPv4 addresses of a CIDR for sandboxes, as a CNI host-local IPAM
// would: skipping the network address, the gateway (.1) and the broadcast address.
// Not thread-safe.
class IpPool {
 public:
  // InvalidArgument unless `cidr` is an IPv4 CIDR with room for a host.
  static absl::StatusOr<IpPool> Create(const std::string& cidr);

  // The lowest free address; ResourceExhausted when none is left.
  absl::StatusOr<std::string> Allocate();
  // Marks `ip` as taken (found again after a restart); ignored outside the range.
  void Reserve(const std::string& ip);
  void Release(const std::string& ip);
  size_t used() const { return used_.size(); }

 private:
  IpPool(uint32_t first, uint32_t last) : first_(first), last_(last), next_(first) {}

  uint32_t first_;  // first usable host address
  uint32_t last_;   // last usable host address
  uint32_t next_;   // where the search for a free address starts
  std::set<uint32_t> used_;
};

}  // namespace kube::kubelet::fake
