#include "apiserver/storage/metered/metered_storage.h"

#include <type_traits>

#include "absl/time/clock.h"

namespace kube::storage {
namespace {

class MeteredStorage final : public Storage {
 public:
  MeteredStorage(std::unique_ptr<Storage> inner, StorageObserver observer)
      : inner_(std::move(inner)), observer_(std::move(observer)) {}

  absl::StatusOr<KeyValue> Get(std::string_view key) override {
    return Timed("get", key, [&] { return inner_->Get(key); });
  }
  absl::StatusOr<ListResult> List(const ListOptions& options) override {
    return Timed("list", options.prefix, [&] { return inner_->List(options); });
  }
  absl::StatusOr<KeyValue> Create(std::string_view key, std::string_view value) override {
    return Timed("create", key, [&] { return inner_->Create(key, value); });
  }
  absl::StatusOr<KeyValue> Update(std::string_view key, std::string_view value,
                                  Revision expected_revision) override {
    return Timed("update", key, [&] { return inner_->Update(key, value, expected_revision); });
  }
  absl::StatusOr<KeyValue> Delete(std::string_view key, Revision expected_revision) override {
    return Timed("delete", key, [&] { return inner_->Delete(key, expected_revision); });
  }
  absl::StatusOr<std::unique_ptr<Watch>> WatchPrefix(std::string_view prefix,
                                                     Revision after_revision) override {
    return Timed("watch", prefix, [&] { return inner_->WatchPrefix(prefix, after_revision); });
  }
  absl::Status Compact(Revision revision) override {
    return Timed("compact", "", [&] { return inner_->Compact(revision); });
  }
  absl::StatusOr<Revision> CurrentRevision() override { return inner_->CurrentRevision(); }
  absl::StatusOr<Revision> CompactedRevision() override { return inner_->CompactedRevision(); }

 private:
  template <typename Call>
  std::invoke_result_t<Call> Timed(std::string_view operation, std::string_view key, Call call) {
    absl::Time start = absl::Now();
    auto result = call();
    observer_(operation, ResourceTypeOfKey(key), absl::Now() - start);
    return result;
  }

  const std::unique_ptr<Storage> inner_;
  const StorageObserver observer_;
};

}  // namespace

std::unique_ptr<Storage> NewMeteredStorage(std::unique_ptr<Storage> inner, StorageObserver observer) {
  return std::make_unique<MeteredStorage>(std::move(inner), std::move(observer));
}

std::string_view ResourceTypeOfKey(std::string_view key) {
  constexpr std::string_view kRoot = "/registry/";
  if (key.substr(0, kRoot.size()) != kRoot) return "";
  std::string_view rest = key.substr(kRoot.size());
  return rest.substr(0, rest.find('/'));
}

}  // namespace kube::storage
