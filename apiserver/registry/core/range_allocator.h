#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "apiserver/storage/storage.h"

namespace kube::apiserver::core {

// Hands out the slots 0..size-1 of a range (cluster IPs, node ports) to writers in
// one or several apiservers sharing a Storage. A slot is taken by creating the key
// <prefix><name of slot> with its owner as the value; storage's create-if-absent is
// the only arbiter, so two writers can never hold one slot. An in-memory bitmap of
// slots believed taken only saves probes: it is refreshed from storage when it says
// the range is full, and it is never trusted to refuse an explicit request.
// Thread-safe.
class RangeAllocator {
 public:
  struct Options {
    std::string prefix;   // "/registry/ranges/serviceips/"
    int64_t size = 0;     // number of slots
    // Slots below this are only given out on request (AllocateNext skips them).
    int64_t dynamic_start = 0;
    std::function<std::string(int64_t)> name_of;                      // slot -> key suffix
    std::function<std::optional<int64_t>(std::string_view)> slot_of;  // key suffix -> slot
  };

  // `storage` is not owned and must outlive the allocator.
  RangeAllocator(storage::Storage& storage, Options options);
  RangeAllocator(const RangeAllocator&) = delete;
  RangeAllocator& operator=(const RangeAllocator&) = delete;

  int64_t size() const { return options_.size; }

  // Takes `slot` for `owner`. AlreadyExists if someone holds it (even `owner`:
  // callers track what they hold).
  absl::Status Allocate(int64_t slot, std::string_view owner);
  // Takes some free slot at or above dynamic_start. ResourceExhausted when none.
  absl::StatusOr<int64_t> AllocateNext(std::string_view owner);
  // Frees `slot` if `owner` holds it; a slot held by someone else is left alone.
  absl::Status Release(int64_t slot, std::string_view owner);
  // Who holds `slot` according to storage, or nullopt if it is free.
  absl::StatusOr<std::optional<std::string>> Holder(int64_t slot);

 private:
  std::string KeyOf(int64_t slot) const { return options_.prefix + options_.name_of(slot); }
  // Rebuilds the bitmap from storage.
  absl::Status Refresh() ABSL_LOCKS_EXCLUDED(mutex_);
  // Picks the next slot the bitmap thinks free and marks it, or nullopt.
  std::optional<int64_t> PickCandidate() ABSL_LOCKS_EXCLUDED(mutex_);
  void Mark(int64_t slot, bool taken) ABSL_LOCKS_EXCLUDED(mutex_);

  storage::Storage& storage_;
  const Options options_;  // constant after construction

  absl::Mutex mutex_;
  std::vector<bool> taken_ ABSL_GUARDED_BY(mutex_);  // hint only
  bool loaded_ ABSL_GUARDED_BY(mutex_) = false;
  int64_t cursor_ ABSL_GUARDED_BY(mutex_) = 0;  // where the next scan starts
};

}  // namespace kube::apiserver::core
