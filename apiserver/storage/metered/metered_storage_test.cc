#include "apiserver/storage/metered/metered_storage.h"

#include <catch2/catch.hpp>
#include <map>
#include <string>

#include "apiserver/storage/sqlite/sqlite_storage.h"
#include "tests/support/subprocess.h"

namespace kube::storage {
namespace {

TEST_CASE("every storage call is timed, by operation and resource type") {
  kube::testing::TempDir dir;
  auto sqlite = OpenSqliteStorage(dir.path() + "/state.db");
  REQUIRE(sqlite.ok());
  std::map<std::string, int> seen;
  auto storage = NewMeteredStorage(std::move(*sqlite),
                                   [&seen](std::string_view op, std::string_view type, absl::Duration) {
                                     seen[std::string(op) + " " + std::string(type)]++;
                                   });
  REQUIRE(storage->Create("/registry/pods/default/a", "x").ok());
  REQUIRE(storage->Get("/registry/pods/default/a").ok());
  ListOptions list;
  list.prefix = "/registry/deployments.apps/";
  REQUIRE(storage->List(list).ok());
  REQUIRE(storage->Delete("/registry/pods/default/a", 0).ok());
  CHECK(absl::IsNotFound(storage->Get("/registry/pods/default/a").status()));
  CHECK(seen == std::map<std::string, int>{{"create pods", 1},
                                           {"get pods", 2},
                                           {"list deployments.apps", 1},
                                           {"delete pods", 1}});
  CHECK(ResourceTypeOfKey("/elsewhere/x") == "");
}

}  // namespace
}  // namespace kube::storage
