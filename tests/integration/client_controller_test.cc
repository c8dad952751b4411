// The controller contract end to end against the real apiserver, over both
// transports: informer -> work queue -> level-triggered reconcile -> write back.

#include <atomic>
#include <thread>

#include <catch2/catch.hpp>

#include "common/client/client.h"
#include "common/client/controller.h"
#include "common/client/typed_informer.h"
#include "k8s/core/v1/core.pb.h"
#include "tests/integration/client_transports.h"
#include "tests/integration/integration_helpers.h"

namespace kube::testing {
namespace {

using k8s::core::v1::ConfigMap;

// A toy controller: every ConfigMap labelled app=demo gets data.seen = "yes". It
// reads from the informer's lister and writes through the client, as real
// controllers do; a conflict on write is an error the queue retries.
TEST_CASE("client: a controller built on informer and work queue converges", "[client]") {
  const std::string transport_kind = CLIENT_TRANSPORT();
  ApiServerProcess server({"--grpc-port=auto"});
  REQUIRE_STARTED(server);
  std::shared_ptr<client::Transport> transport = TransportTo(server, transport_kind);
  client::Client api(transport);

  client::InformerOptions options;
  options.label_selector = "app=demo";
  auto maps = client::Informer<ConfigMap>::New(transport, options);
  client::ControllerOptions controller_options;
  controller_options.name = "seen-marker";
  controller_options.cache_synced.push_back([&maps] { return maps.HasSynced(); });
  std::atomic<int> reconciles{0};
  client::Controller controller(std::move(controller_options), [&](const std::string& key) {
    reconciles.fetch_add(1);
    size_t slash = key.find('/');
    std::shared_ptr<const ConfigMap> cached =
        maps.lister().Get(key.substr(0, slash), key.substr(slash + 1));
    if (cached == nullptr) return absl::OkStatus();  // deleted meanwhile
    if (cached->data().count("seen")) return absl::OkStatus();
    ConfigMap updated = *cached;  // never mutate the cache
    (*updated.mutable_data())["seen"] = "yes";
    return api.Update(updated).status();
  });
  auto enqueue = [&controller](const std::shared_ptr<const ConfigMap>& map) {
    controller.Enqueue(map->metadata().namespace_() + "/" + map->metadata().name());
  };
  maps.AddEventHandler({.on_add = enqueue,
                        .on_update = [&](const auto&, const auto& map) { enqueue(map); }});
  maps.Start();
  std::thread runner([&controller] { controller.Run(2); });

  for (int i = 0; i < 20; ++i) {
    ConfigMap map;
    map.mutable_metadata()->set_name("cm-" + std::to_string(i));
    map.mutable_metadata()->set_namespace_("default");
    (*map.mutable_metadata()->mutable_labels())["app"] = i % 2 == 0 ? "demo" : "other";
    REQUIRE(api.Create(map).ok());
  }
  // Converges: every demo map marked, the others untouched (bounded wait).
  absl::Time deadline = absl::Now() + absl::Seconds(30);
  int marked = 0;
  while (absl::Now() < deadline) {
    auto listed = api.List<ConfigMap>("default", {});
    REQUIRE(listed.ok());
    marked = 0;
    for (const auto& map : listed->items) {
      if (map->data().count("seen")) ++marked;
    }
    if (marked == 10) break;
    absl::SleepFor(absl::Milliseconds(100));
  }
  controller.Stop();
  runner.join();
  maps.Stop();
  CHECK(marked == 10);
  auto other = api.Get<ConfigMap>("default", "cm-1");
  REQUIRE(other.ok());
  CHECK((*other)->data().count("seen") == 0);
  CHECK(reconciles.load() >= 10);
}

}  // namespace
}  // namespace kube::testing
