#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "apiserver/registry/core/ip_address.h"
#include "apiserver/registry/core/range_allocator.h"

namespace kube::apiserver::core {

// Cluster IPs from --service-cluster-ip-range (IPv4), reserved in storage under
// /registry/ranges/serviceips/<ip> with "<namespace>/<name>" as the value, so
// several apiservers on one store never hand out one address twice. The network
// and broadcast addresses are never used; the first usable address is kept for
// the `kubernetes` service (given out only when asked for by name). Thread-safe.
class ServiceIpAllocator {
 public:
  static constexpr std::string_view kPrefix = "/registry/ranges/serviceips/";

  // InvalidArgument for a malformed range or one larger than a /12.
  static absl::StatusOr<std::unique_ptr<ServiceIpAllocator>> Create(storage::Storage& storage,
                                                                    std::string_view cidr);

  // The address the `kubernetes` service gets.
  std::string KubernetesServiceIp() const;
  const std::string& cidr() const { return cidr_text_; }

  // Reserves `ip` for `owner`. OutOfRange("the provided IP (...) is not in the
  // valid range. ...") or AlreadyExists("provided IP is already allocated"),
  // worded as upstream so callers can wrap them in a field error.
  absl::Status Allocate(std::string_view ip, std::string_view owner);
  // Reserves a free address; ResourceExhausted("range is full").
  absl::StatusOr<std::string> AllocateNext(std::string_view owner);
  // Frees `ip` if `owner` holds it; anything else is a no-op.
  absl::Status Release(std::string_view ip, std::string_view owner);
  // Who holds `ip`, or nullopt.
  absl::StatusOr<std::optional<std::string>> Holder(std::string_view ip);

 private:
  ServiceIpAllocator(storage::Storage& storage, std::string cidr_text, uint32_t first, int64_t count);
  std::optional<int64_t> SlotOf(std::string_view ip) const;

  const std::string cidr_text_;
  const uint32_t first_;  // first usable address
  const int64_t count_;   // usable addresses
  RangeAllocator range_;
};

}  // namespace kube::apiserver::core
