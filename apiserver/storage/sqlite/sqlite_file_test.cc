// The SQLite file itself: its settings, and that compaction keeps it bounded.

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "apiserver/storage/sqlite/sqlite_storage.h"
#include "apiserver/storage/sqlite/sqlite_test_util.h"
#include "apiserver/storage/storage_conformance_util.h"

namespace kube::storage {
namespace {

using conformance::MustCreate;
using conformance::MustCurrent;
using conformance::MustList;
using conformance::MustUpdate;
using conformance::Options;
using testing::FileSize;
using testing::MustOpen;
using testing::RawPragma;
using testing::TempDir;

TEST_CASE("sqlite: the file stays bounded under churn with compaction", "[sqlite]") {
  TempDir dir;
  const std::string path = dir.File("bounded.db");
  std::unique_ptr<Storage> store = MustOpen(path);
  constexpr int kKeys = 500;
  constexpr int kRounds = 20;
  const std::string value(1000, 'v');
  std::vector<int64_t> db_sizes;  // the database file alone
  std::vector<int64_t> sizes;     // plus its WAL
  for (int round = 0; round < kRounds; ++round) {
    for (int i = 0; i < kKeys; ++i) {
      std::string key = "/bounded/" + std::to_string(i);
      if (round == 0) {
        MustCreate(*store, key, value);
      } else {
        MustUpdate(*store, key, value);
      }
    }
    REQUIRE(store->Compact(MustCurrent(*store)).ok());
    db_sizes.push_back(FileSize(path));
    sizes.push_back(FileSize(path) + FileSize(path + "-wal"));
  }
  std::string trace;
  for (size_t i = 0; i < sizes.size(); ++i) {
    trace += std::to_string(db_sizes[i] / 1024) + "K/" + std::to_string(sizes[i] / 1024) + "K ";
  }
  INFO("db/db+wal size per round: " << trace);
  // Growth stops: the last rounds are no bigger than the early ones (some slack for
  // WAL timing), and far below 20 rounds of unreclaimed history (~10 MB of rows).
  for (const std::vector<int64_t>* series : {&db_sizes, &sizes}) {
    int64_t early = *std::max_element(series->begin() + 2, series->begin() + 5);
    int64_t late = *std::max_element(series->end() - 5, series->end());
    CHECK(late <= early + early / 4);
  }
  CHECK(sizes.back() < 8 * 1024 * 1024);
  CHECK(MustList(*store, Options("/bounded/")).items.size() == kKeys);
}


TEST_CASE("sqlite: a new file uses WAL and incremental auto-vacuum", "[sqlite]") {
  TempDir dir;
  const std::string path = dir.File("settings.db");
  MustOpen(path);
  CHECK(RawPragma(path, "auto_vacuum") == 2);  // INCREMENTAL
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
  CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))) == "wal");
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

TEST_CASE("sqlite: the file shrinks after mass deletes and compaction", "[sqlite]") {
  TempDir dir;
  const std::string path = dir.File("shrink.db");
  const std::string value(4000, 's');  // about a page per row
  int64_t full_pages = 0;
  {
    std::unique_ptr<Storage> store = MustOpen(path);
    for (int i = 0; i < 1000; ++i) MustCreate(*store, "/s/" + std::to_string(i), value);
    // Keep one key in four, so well over half the file becomes free.
    for (int i = 0; i < 1000; ++i) {
      if (i % 4 != 0) conformance::MustDelete(*store, "/s/" + std::to_string(i));
    }
    full_pages = RawPragma(path, "page_count");
    REQUIRE(store->Compact(MustCurrent(*store)).ok());
    CHECK(MustList(*store, Options("/s/")).items.size() == 250);
  }
  const int64_t pages = RawPragma(path, "page_count");
  INFO("pages before " << full_pages << ", after " << pages);
  CHECK(pages < full_pages * 3 / 4);
  CHECK(RawPragma(path, "freelist_count") <= pages / 2);
}
}  // namespace
}  // namespace kube::storage
