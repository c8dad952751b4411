#include "apiserver/registry/core/service_ip_allocator.h"

#include "common/util/strings.h"

namespace kube::apiserver::core {

absl::StatusOr<std::unique_ptr<ServiceIpAllocator>> ServiceIpAllocator::Create(
    storage::Storage& storage, std::string_view cidr) {
  absl::StatusOr<Ipv4Cidr> parsed = ParseIpv4Cidr(cidr);
  if (!parsed.ok()) return parsed.status();
  if (parsed->prefix_length < 12) {
    return absl::InvalidArgumentError(
        StrCat("service IP range ", cidr, " is too large; the mask must be /12 or longer"));
  }
  uint32_t first = parsed->base;
  int64_t count = static_cast<int64_t>(parsed->Size());
  if (count >= 4) {  // skip the network and broadcast addresses
    first += 1;
    count -= 2;
  }
  return std::unique_ptr<ServiceIpAllocator>(
      new ServiceIpAllocator(storage, std::string(cidr), first, count));
}

ServiceIpAllocator::ServiceIpAllocator(storage::Storage& storage, std::string cidr_text,
                                       uint32_t first, int64_t count)
    : cidr_text_(std::move(cidr_text)),
      first_(first),
      count_(count),
      range_(storage, RangeAllocator::Options{
                          .prefix = std::string(kPrefix),
                          .size = count,
                          .dynamic_start = count > 1 ? 1 : 0,
                          .name_of = [first](int64_t slot) {
                            return FormatIpv4(first + static_cast<uint32_t>(slot));
                          },
                          .slot_of = [this](std::string_view name) { return SlotOf(name); },
                      }) {}

std::optional<int64_t> ServiceIpAllocator::SlotOf(std::string_view ip) const {
  std::optional<uint32_t> address = ParseIpv4(ip);
  if (!address || *address < first_) return std::nullopt;
  int64_t slot = static_cast<int64_t>(*address - first_);
  if (slot >= count_) return std::nullopt;
  return slot;
}

std::string ServiceIpAllocator::KubernetesServiceIp() const { return FormatIpv4(first_); }

absl::Status ServiceIpAllocator::Allocate(std::string_view ip, std::string_view owner) {
  std::optional<int64_t> slot = SlotOf(ip);
  if (!slot) {
    return absl::OutOfRangeError(StrCat("the provided IP (", ip,
                                        ") is not in the valid range. The range of valid IPs is ",
                                        cidr_text_));
  }
  absl::Status status = range_.Allocate(*slot, owner);
  if (absl::IsAlreadyExists(status)) return absl::AlreadyExistsError("provided IP is already allocated");
  return status;
}

absl::StatusOr<std::string> ServiceIpAllocator::AllocateNext(std::string_view owner) {
  absl::StatusOr<int64_t> slot = range_.AllocateNext(owner);
  if (!slot.ok()) return slot.status();
  return FormatIpv4(first_ + static_cast<uint32_t>(*slot));
}

absl::Status ServiceIpAllocator::Release(std::string_view ip, std::string_view owner) {
  std::optional<int64_t> slot = SlotOf(ip);
  if (!slot) return absl::OkStatus();
  return range_.Release(*slot, owner);
}

absl::StatusOr<std::optional<std::string>> ServiceIpAllocator::Holder(std::string_view ip) {
  std::optional<int64_t> slot = SlotOf(ip);
  if (!slot) return std::optional<std::string>();
  return range_.Holder(*slot);
}

}  // namespace kube::apiserver::core
