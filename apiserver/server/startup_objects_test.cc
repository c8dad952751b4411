// What the apiserver writes at start for the groups it serves: a local APIService
// per built-in group-version, and the mandatory flowcontrol objects; both idempotent.

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>

#include "apiserver/generic/store_set.h"
#include "apiserver/registry/apiregistration/local_apiservices.h"
#include "apiserver/server/builtin_resources.h"
#include "apiserver/server/local_apiservices_writer.h"
#include "apiserver/server/mandatory_flowcontrol_writer.h"
#include "apiserver/storage/sqlite/sqlite_storage.h"
#include "k8s/apiregistration/v1/apiregistration.pb.h"

namespace kube::apiserver {
namespace {

TEST_CASE("Every built-in group-version has an upstream APIService priority") {
  ResourceRegistry registry;
  REQUIRE(RegisterBuiltinResources(registry, RegistryConfig{}).ok());
  std::set<std::string> names;
  for (const auto& service : apiregistration::LocalApiServices(registry)) {
    names.insert(service.metadata().name());
  }
  for (const auto& served : registry.GroupVersions()) {
    // Upstream serves its own group from the aggregator, without an APIService.
    if (served.group == "apiregistration.k8s.io") continue;
    INFO(served.group << "/" << served.version);
    CHECK(names.count(served.version + "." + served.group) == 1);
  }
  CHECK(names.count("v1.") == 1);
  CHECK(names.count("v1.apps") == 1);
  CHECK(names.count("v1.flowcontrol.apiserver.k8s.io") == 1);
}

TEST_CASE("Start-up objects are created once and kept") {
  std::string dir = std::filesystem::temp_directory_path() / "kube-startup-XXXXXX";
  REQUIRE(mkdtemp(dir.data()) != nullptr);
  {
    auto storage = storage::OpenSqliteStorage(dir + "/state.db");
    REQUIRE(storage.ok());
    ResourceRegistry registry;
    RegistryConfig config;
    config.storage = storage->get();
    REQUIRE(RegisterBuiltinResources(registry, config).ok());
    StoreSet stores(**storage, registry, /*watch_cache=*/false);
    REQUIRE(EnsureMandatoryFlowControl(stores).ok());
    REQUIRE(EnsureLocalApiServices(registry, stores).ok());
    const Store& services = *stores.Find("apiregistration.k8s.io", "APIService");
    auto apps = services.Get("", "v1.apps");
    REQUIRE(apps.ok());
    const auto& apps_service = static_cast<const k8s::apiregistration::v1::APIService&>(**apps);
    REQUIRE(apps_service.status().conditions_size() == 1);
    CHECK(apps_service.status().conditions(0).reason() == "Local");
    const std::string uid = apps_service.metadata().uid();
    const std::string version = apps_service.metadata().resourceversion();

    // A second start changes nothing.
    REQUIRE(EnsureMandatoryFlowControl(stores).ok());
    REQUIRE(EnsureLocalApiServices(registry, stores).ok());
    auto again = services.Get("", "v1.apps");
    REQUIRE(again.ok());
    CHECK(static_cast<const k8s::apiregistration::v1::APIService&>(**again).metadata().uid() ==
          uid);
    CHECK(static_cast<const k8s::apiregistration::v1::APIService&>(**again)
              .metadata()
              .resourceversion() == version);
    const Store& schemas = *stores.Find("flowcontrol.apiserver.k8s.io", "FlowSchema");
    CHECK(schemas.Get("", "exempt").ok());
    CHECK(schemas.Get("", "catch-all").ok());
    const Store& levels =
        *stores.Find("flowcontrol.apiserver.k8s.io", "PriorityLevelConfiguration");
    CHECK(levels.Get("", "exempt").ok());
    CHECK(levels.Get("", "catch-all").ok());
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace kube::apiserver
