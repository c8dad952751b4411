#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace kube::kcm::nodeipam {

// Hands out the /mask_size subnets of an IPv4 cluster CIDR, one per node
// (upstream's range allocator). Not thread-safe: the nodeipam loop owns it and
// uses it from one worker.
class CidrAllocator {
 public:
  // InvalidArgument unless `cluster_cidr` is an IPv4 CIDR ("10.244.0.0/16") whose
  // prefix is no longer than `mask_size` (<= 30).
  static absl::StatusOr<CidrAllocator> Create(std::string_view cluster_cidr, int mask_size);

  // The next free subnet ("10.244.3.0/24"), marked used; ResourceExhausted when
  // every one is taken.
  absl::StatusOr<std::string> AllocateNext();
  // Marks a subnet (from a node that already has one) as used. InvalidArgument when
  // it is not one of this range's subnets.
  absl::Status Occupy(std::string_view cidr);
  // Frees a subnet (its node was deleted). Unknown subnets are ignored.
  void Release(std::string_view cidr);

  size_t used() const;

 private:
  CidrAllocator(uint32_t base, int prefix, int mask_size);
  // The subnet's index, or -1 if it is not one of ours.
  int64_t IndexOf(std::string_view cidr) const;

  uint32_t base_ = 0;
  int prefix_ = 0;
  int mask_size_ = 0;
  std::vector<bool> used_;
  size_t next_ = 0;  // where the search for a free subnet starts (round robin)
};

// Parses "a.b.c.d" into a host-order address.
absl::StatusOr<uint32_t> ParseIpv4(std::string_view text);
std::string FormatIpv4(uint32_t address);

}  // namespace kube::kcm::nodeipam
