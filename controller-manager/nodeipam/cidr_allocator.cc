#include "controller-manager/nodeipam/cidr_allocator.h"

#include <charconv>

#include "common/util/strings.h"

namespace kube::kcm::nodeipam {
namespace {

// Enough subnets for any real cluster without a huge bitmap.
constexpr int kMaxSubnetBits = 20;

absl::Status ParseCidr(std::string_view cidr, uint32_t* address, int* prefix) {
  size_t slash = cidr.find('/');
  if (slash == std::string_view::npos) {
    return absl::InvalidArgumentError(StrCat("\"", cidr, "\" is not a CIDR"));
  }
  absl::StatusOr<uint32_t> ip = ParseIpv4(cidr.substr(0, slash));
  if (!ip.ok()) return ip.status();
  std::string_view bits = cidr.substr(slash + 1);
  auto [end, error] = std::from_chars(bits.data(), bits.data() + bits.size(), *prefix);
  if (error != std::errc() || end != bits.data() + bits.size() || *prefix < 0 || *prefix > 32) {
    return absl::InvalidArgumentError(StrCat("\"", cidr, "\" has a bad prefix length"));
  }
  *address = *ip;
  return absl::OkStatus();
}

uint32_t Mask(int prefix) { return prefix == 0 ? 0 : ~uint32_t{0} << (32 - prefix); }

}  // namespace

absl::StatusOr<uint32_t> ParseIpv4(std::string_view text) {
  uint32_t address = 0;
  const char* p = text.data();
  const char* end = text.data() + text.size();
  for (int part = 0; part < 4; ++part) {
    unsigned value = 0;
    auto [next, error] = std::from_chars(p, end, value);
    if (error != std::errc() || next == p || value > 255) {
      return absl::InvalidArgumentError(StrCat("\"", text, "\" is not an IPv4 address"));
    }
    address = (address << 8) | value;
    p = next;
    if (part < 3) {
      if (p == end || *p != '.') {
        return absl::InvalidArgumentError(StrCat("\"", text, "\" is not an IPv4 address"));
      }
      ++p;
    }
  }
  if (p != end) return absl::InvalidArgumentError(StrCat("\"", text, "\" is not an IPv4 address"));
  return address;
}

std::string FormatIpv4(uint32_t address) {
  return StrCat(address >> 24, ".", (address >> 16) & 255, ".", (address >> 8) & 255, ".",
                address & 255);
}

absl::StatusOr<CidrAllocator> CidrAllocator::Create(std::string_view cluster_cidr, int mask_size) {
  uint32_t address = 0;
  int prefix = 0;
  if (absl::Status status = ParseCidr(cluster_cidr, &address, &prefix); !status.ok()) {
    return status;
  }
  if (mask_size < prefix || mask_size > 30) {
    return absl::InvalidArgumentError(
        StrCat("node CIDR mask size ", mask_size, " must be within ", prefix, "..30"));
  }
  if (mask_size - prefix > kMaxSubnetBits) {
    return absl::InvalidArgumentError(
        StrCat("cluster CIDR ", cluster_cidr, " has more than 2^", kMaxSubnetBits, " node subnets"));
  }
  return CidrAllocator(address & Mask(prefix), prefix, mask_size);
}

CidrAllocator::CidrAllocator(uint32_t base, int prefix, int mask_size)
    : base_(base), prefix_(prefix), mask_size_(mask_size), used_(size_t{1} << (mask_size - prefix)) {}

absl::StatusOr<std::string> CidrAllocator::AllocateNext() {
  for (size_t i = 0; i < used_.size(); ++i) {
    size_t index = (next_ + i) % used_.size();
    if (used_[index]) continue;
    used_[index] = true;
    next_ = (index + 1) % used_.size();
    uint32_t subnet = base_ + (static_cast<uint32_t>(index) << (32 - mask_size_));
    return StrCat(FormatIpv4(subnet), "/", mask_size_);
  }
  return absl::ResourceExhaustedError("the cluster CIDR has no free node subnet left");
}

int64_t CidrAllocator::IndexOf(std::string_view cidr) const {
  uint32_t address = 0;
  int prefix = 0;
  if (!ParseCidr(cidr, &address, &prefix).ok() || prefix != mask_size_) return -1;
  if ((address & Mask(prefix_)) != base_) return -1;
  return (address - base_) >> (32 - mask_size_);
}

absl::Status CidrAllocator::Occupy(std::string_view cidr) {
  int64_t index = IndexOf(cidr);
  if (index < 0) {
    return absl::InvalidArgumentError(StrCat(cidr, " is not a node subnet of the cluster CIDR"));
  }
  used_[index] = true;
  return absl::OkStatus();
}

void CidrAllocator::Release(std::string_view cidr) {
  int64_t index = IndexOf(cidr);
  if (index >= 0) used_[index] = false;
}

size_t CidrAllocator::used() const {
  size_t count = 0;
  for (bool b : used_) count += b;
  return count;
}

}  // namespace kube::kcm::nodeipam
