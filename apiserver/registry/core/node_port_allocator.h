#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "apiserver/registry/core/range_allocator.h"

namespace kube::apiserver::core {

// Node ports from --service-node-port-range ("30000-32767"), reserved in storage
// under /registry/ranges/servicenodeports/<port> like cluster IPs. Thread-safe.
class NodePortAllocator {
 public:
  static constexpr std::string_view kPrefix = "/registry/ranges/servicenodeports/";

  // Accepts "first-last" and "first+count"; InvalidArgument otherwise.
  static absl::StatusOr<std::unique_ptr<NodePortAllocator>> Create(storage::Storage& storage,
                                                                   std::string_view range);

  const std::string& range() const { return range_text_; }

  // Reserves `port` for `owner`. OutOfRange("provided port is not in the valid
  // range. The range of valid ports is 30000-32767") or
  // AlreadyExists("provided port is already allocated").
  absl::Status Allocate(int32_t port, std::string_view owner);
  // ResourceExhausted("range is full") when every port is taken.
  absl::StatusOr<int32_t> AllocateNext(std::string_view owner);
  absl::Status Release(int32_t port, std::string_view owner);
  absl::StatusOr<std::optional<std::string>> Holder(int32_t port);

 private:
  NodePortAllocator(storage::Storage& storage, std::string range_text, int32_t base, int32_t count);

  const std::string range_text_;
  const int32_t base_;
  const int32_t count_;
  RangeAllocator range_;
};

}  // namespace kube::apiserver::core
