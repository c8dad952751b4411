#pragma once

// End-to-end test support: a generic Store over a real SQLite storage in a fresh
// temporary directory. Test-only (header-only, linked only by the *_test binaries).

#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>

#include <catch2/catch.hpp>

#include "apiserver/generic/store.h"
#include "apiserver/registry/resource_registry.h"
#include "apiserver/storage/sqlite/sqlite_storage.h"

namespace kube::apiserver::testing {

// A registry plus SQLite storage that live as long as the fixture.
class StoreFixture {
 public:
  StoreFixture() {
    const char* base = getenv("TMPDIR");
    std::string pattern = std::string(base != nullptr ? base : "/tmp") + "/kube-registry-XXXXXX";
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    dir_ = pattern;
    auto storage = storage::OpenSqliteStorage(dir_ + "/state.db");
    REQUIRE(storage.ok());
    storage_ = std::move(*storage);
    config_.storage = storage_.get();
  }
  ~StoreFixture() {
    store_.reset();
    storage_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  ResourceRegistry& registry() { return registry_; }
  const RegistryConfig& config() const { return config_; }

  // The store for one registered kind (the namespace always exists).
  Store& StoreFor(std::string_view group, std::string_view kind) {
    const ResourceInfo* info = registry_.FindByKind(group, "v1", kind);
    REQUIRE(info != nullptr);
    store_ = std::make_unique<Store>(*storage_, *info, nullptr);
    return *store_;
  }

  // Replaces the stored object with a copy that `edit` changed.
  template <typename T, typename EditFn>
  absl::StatusOr<ObjectPtr> Edit(Store& store, std::string_view ns, std::string_view name,
                                 bool status_only, EditFn edit) {
    return store.Update(
        ns, name,
        [&](const google::protobuf::Message& current) -> absl::StatusOr<ObjectPtr> {
          auto copy = std::make_unique<T>(static_cast<const T&>(current));
          edit(*copy);
          return ObjectPtr(std::move(copy));
        },
        status_only ? UpdateMode::kStatus : UpdateMode::kMain, WriteOptions{});
  }

 private:
  std::string dir_;
  std::unique_ptr<storage::Storage> storage_;
  RegistryConfig config_;
  ResourceRegistry registry_;
  std::unique_ptr<Store> store_;
};

}  // namespace kube::apiserver::testing
