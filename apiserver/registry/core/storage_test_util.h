#pragma once

// A fresh SQLite store in a temporary directory, removed afterwards, for the
// allocator and strategy tests.

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include <catch2/catch.hpp>

#include "apiserver/storage/sqlite/sqlite_storage.h"

namespace kube::apiserver::core::testing {

class TempStorage {
 public:
  TempStorage() {
    std::string pattern = (std::filesystem::temp_directory_path() / "core-registry-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    directory_ = pattern;
    auto opened = storage::OpenSqliteStorage(directory_ + "/store.db");
    REQUIRE(opened.ok());
    storage_ = std::move(*opened);
  }
  ~TempStorage() {
    storage_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(directory_, ignored);
  }
  TempStorage(const TempStorage&) = delete;
  TempStorage& operator=(const TempStorage&) = delete;

  storage::Storage& get() { return *storage_; }

 private:
  std::string directory_;
  std::unique_ptr<storage::Storage> storage_;
};

}  // namespace kube::apiserver::core::testing
