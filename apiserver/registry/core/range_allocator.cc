#include "apiserver/registry/core/range_allocator.h"

#include "common/util/strings.h"

namespace kube::apiserver::core {

RangeAllocator::RangeAllocator(storage::Storage& storage, Options options)
    : storage_(storage), options_(std::move(options)), taken_(options_.size, false) {
  // Start scans at a random slot so apiservers sharing a store rarely race for
  // the same candidates.
  const int64_t dynamic = options_.size - options_.dynamic_start;
  if (dynamic > 0) {
    std::random_device seed;
    cursor_ = options_.dynamic_start + static_cast<int64_t>(seed() % static_cast<uint64_t>(dynamic));
  }
}

void RangeAllocator::Mark(int64_t slot, bool taken) {
  absl::MutexLock lock(&mutex_);
  taken_[slot] = taken;
}

absl::Status RangeAllocator::Refresh() {
  storage::ListOptions options;
  options.prefix = options_.prefix;
  absl::StatusOr<storage::ListResult> listed = storage_.List(options);
  if (!listed.ok()) return listed.status();
  std::vector<bool> taken(options_.size, false);
  for (const storage::KeyValue& kv : listed->items) {
    std::optional<int64_t> slot =
        options_.slot_of(std::string_view(kv.key).substr(options_.prefix.size()));
    if (slot && *slot >= 0 && *slot < options_.size) taken[*slot] = true;
  }
  absl::MutexLock lock(&mutex_);
  taken_ = std::move(taken);
  loaded_ = true;
  return absl::OkStatus();
}

std::optional<int64_t> RangeAllocator::PickCandidate() {
  absl::MutexLock lock(&mutex_);
  const int64_t start = options_.dynamic_start;
  const int64_t count = options_.size - start;
  for (int64_t i = 0; i < count; ++i) {
    int64_t slot = start + (cursor_ - start + i) % count;
    if (!taken_[slot]) {
      taken_[slot] = true;
      cursor_ = slot + 1 < options_.size ? slot + 1 : start;
      return slot;
    }
  }
  return std::nullopt;
}

absl::Status RangeAllocator::Allocate(int64_t slot, std::string_view owner) {
  if (slot < 0 || slot >= options_.size) return absl::OutOfRangeError("slot outside the range");
  absl::StatusOr<storage::KeyValue> created = storage_.Create(KeyOf(slot), owner);
  if (created.ok() || absl::IsAlreadyExists(created.status())) Mark(slot, true);
  return created.status();
}

absl::StatusOr<int64_t> RangeAllocator::AllocateNext(std::string_view owner) {
  bool loaded;
  {
    absl::MutexLock lock(&mutex_);
    loaded = loaded_;
  }
  // The first pass trusts the bitmap; when it says full, storage may know of
  // slots freed by other apiservers, so reload once and scan again.
  for (int pass = 0; pass < 2; ++pass) {
    if (!loaded || pass == 1) {
      if (absl::Status status = Refresh(); !status.ok()) return status;
      loaded = true;
    }
    while (std::optional<int64_t> slot = PickCandidate()) {
      absl::StatusOr<storage::KeyValue> created = storage_.Create(KeyOf(*slot), owner);
      if (created.ok()) return *slot;
      if (absl::IsAlreadyExists(created.status())) continue;  // taken elsewhere; stays marked
      Mark(*slot, false);
      return created.status();
    }
  }
  return absl::ResourceExhaustedError("range is full");
}

absl::Status RangeAllocator::Release(int64_t slot, std::string_view owner) {
  if (slot < 0 || slot >= options_.size) return absl::OkStatus();
  const std::string key = KeyOf(slot);
  for (int attempt = 0; attempt < 4; ++attempt) {
    absl::StatusOr<storage::KeyValue> current = storage_.Get(key);
    if (absl::IsNotFound(current.status())) break;
    if (!current.ok()) return current.status();
    if (current->value != owner) return absl::OkStatus();  // someone else's now
    absl::StatusOr<storage::KeyValue> deleted = storage_.Delete(key, current->mod_revision);
    if (deleted.ok() || absl::IsNotFound(deleted.status())) break;
    if (!absl::IsAborted(deleted.status())) return deleted.status();
  }
  Mark(slot, false);
  return absl::OkStatus();
}

absl::StatusOr<std::optional<std::string>> RangeAllocator::Holder(int64_t slot) {
  absl::StatusOr<storage::KeyValue> current = storage_.Get(KeyOf(slot));
  if (absl::IsNotFound(current.status())) return std::optional<std::string>();
  if (!current.ok()) return current.status();
  return std::optional<std::string>(current->value);
}

}  // namespace kube::apiserver::core
