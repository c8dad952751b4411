#include "apiserver/registry/core/node_port_allocator.h"

#include <charconv>

#include "common/util/strings.h"

namespace kube::apiserver::core {
namespace {

std::optional<int32_t> ParsePort(std::string_view text) {
  int32_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

}  // namespace

absl::StatusOr<std::unique_ptr<NodePortAllocator>> NodePortAllocator::Create(
    storage::Storage& storage, std::string_view range) {
  size_t separator = range.find_first_of("-+");
  std::optional<int32_t> first, second;
  if (separator != std::string_view::npos) {
    first = ParsePort(range.substr(0, separator));
    second = ParsePort(range.substr(separator + 1));
  }
  if (!first || !second) {
    return absl::InvalidArgumentError(StrCat("invalid node port range \"", range, "\""));
  }
  int32_t count = range[separator] == '-' ? *second - *first + 1 : *second;
  if (*first < 1 || count < 1 || *first + count - 1 > 65535) {
    return absl::InvalidArgumentError(StrCat("invalid node port range \"", range, "\""));
  }
  std::string text = StrCat(*first, "-", *first + count - 1);
  return std::unique_ptr<NodePortAllocator>(new NodePortAllocator(storage, text, *first, count));
}

NodePortAllocator::NodePortAllocator(storage::Storage& storage, std::string range_text,
                                     int32_t base, int32_t count)
    : range_text_(std::move(range_text)),
      base_(base),
      count_(count),
      range_(storage, RangeAllocator::Options{
                          .prefix = std::string(kPrefix),
                          .size = count,
                          .dynamic_start = 0,
                          .name_of = [base](int64_t slot) { return std::to_string(base + slot); },
                          .slot_of = [base, count](std::string_view name) -> std::optional<int64_t> {
                            std::optional<int32_t> port = ParsePort(name);
                            if (!port || *port < base || *port >= base + count) return std::nullopt;
                            return *port - base;
                          },
                      }) {}

absl::Status NodePortAllocator::Allocate(int32_t port, std::string_view owner) {
  if (port < base_ || port >= base_ + count_) {
    return absl::OutOfRangeError(
        StrCat("provided port is not in the valid range. The range of valid ports is ", range_text_));
  }
  absl::Status status = range_.Allocate(port - base_, owner);
  if (absl::IsAlreadyExists(status)) return absl::AlreadyExistsError("provided port is already allocated");
  return status;
}

absl::StatusOr<int32_t> NodePortAllocator::AllocateNext(std::string_view owner) {
  absl::StatusOr<int64_t> slot = range_.AllocateNext(owner);
  if (!slot.ok()) return slot.status();
  return base_ + static_cast<int32_t>(*slot);
}

absl::Status NodePortAllocator::Release(int32_t port, std::string_view owner) {
  if (port < base_ || port >= base_ + count_) return absl::OkStatus();
  return range_.Release(port - base_, owner);
}

absl::StatusOr<std::optional<std::string>> NodePortAllocator::Holder(int32_t port) {
  if (port < base_ || port >= base_ + count_) return std::optional<std::string>();
  return range_.Holder(port - base_);
}

}  // namespace kube::apiserver::core
