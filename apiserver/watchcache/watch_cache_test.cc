#include "apiserver/watchcache/watch_cache.h"

#include <catch2/catch.hpp>

#include "apiserver/storage/sqlite/sqlite_storage.h"
#include "common/api/errors.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver {
namespace {

struct Fixture {
  Fixture() {
    char pattern[] = "/tmp/watch-cache-XXXXXX";
    dir = mkdtemp(pattern);
    storage = *storage::OpenSqliteStorage(dir + "/state.db");
  }
  ~Fixture() { std::system(("rm -rf " + dir).c_str()); }

  static WatchCache::DecodeFunc Decode() {
    return [](const storage::KeyValue& kv)
               -> absl::StatusOr<std::unique_ptr<google::protobuf::Message>> {
      auto map = std::make_unique<k8s::core::v1::ConfigMap>();
      map->ParseFromString(kv.value);
      map->mutable_metadata()->set_resourceversion(std::to_string(kv.mod_revision));
      return std::unique_ptr<google::protobuf::Message>(std::move(map));
    };
  }

  storage::Revision Put(const std::string& key, const std::string& value) {
    k8s::core::v1::ConfigMap map;
    map.mutable_metadata()->set_name(key.substr(key.rfind('/') + 1));
    (*map.mutable_data())["v"] = value;
    auto existing = storage->Get(key);
    if (existing.ok()) return storage->Update(key, map.SerializeAsString(), 0)->mod_revision;
    return storage->Create(key, map.SerializeAsString())->mod_revision;
  }

  std::string dir;
  std::unique_ptr<storage::Storage> storage;
};

std::string ValueOf(const SharedObject& object) {
  return static_cast<const k8s::core::v1::ConfigMap&>(*object).data().at("v");
}

TEST_CASE("lists are consistent even when the last write was to another resource") {
  Fixture fixture;
  fixture.Put("/registry/configmaps/ns/a", "1");
  WatchCache maps("/registry/configmaps/", Fixture::Decode());
  WatchCache secrets("/registry/secrets/", Fixture::Decode());
  WatchCacheFeeder feeder(*fixture.storage, "/registry/", {&maps, &secrets});

  storage::Revision last = 0;
  for (int i = 0; i < 20; ++i)
    last = fixture.Put("/registry/secrets/ns/s" + std::to_string(i), "x");
  // The newest write is a secret; the config map cache must still answer at it.
  absl::StatusOr<WatchCache::Snapshot> snapshot = maps.List("/registry/configmaps/", last);
  REQUIRE(snapshot.ok());
  CHECK(snapshot->revision >= last);
  REQUIRE(snapshot->objects.size() == 1);
  CHECK(ValueOf(snapshot->objects[0]) == "1");
  absl::StatusOr<WatchCache::Snapshot> other = secrets.List("/registry/secrets/ns/", last);
  REQUIRE(other.ok());
  CHECK(other->objects.size() == 20);
  // A sub-prefix (one namespace) narrows the list.
  fixture.Put("/registry/configmaps/other/b", "2");
  CHECK(maps.List("/registry/configmaps/ns/", 0)->objects.size() == 1);
}

TEST_CASE("watches resume inside the history window and get 410 outside it") {
  Fixture fixture;
  WatchCacheOptions options;
  options.history_events = 5;
  WatchCache maps("/registry/configmaps/", Fixture::Decode(), options);
  WatchCacheFeeder feeder(*fixture.storage, "/registry/", {&maps});
  // The cache's window starts at its first list: write only after that.
  REQUIRE(maps.List("", 0).ok());
  storage::Revision first = fixture.Put("/registry/configmaps/ns/a", "0");
  for (int i = 1; i <= 3; ++i) fixture.Put("/registry/configmaps/ns/a", std::to_string(i));
  REQUIRE(maps.List("", first + 3).ok());

  absl::StatusOr<std::unique_ptr<CacheWatch>> resumed = maps.Watch("/registry/configmaps/", first);
  REQUIRE(resumed.ok());
  absl::StatusOr<std::vector<SharedEvent>> replay = (*resumed)->Next(absl::Seconds(2));
  REQUIRE(replay.ok());
  REQUIRE(replay->size() == 3);
  CHECK((*replay)[0]->type == storage::EventType::kModified);
  CHECK(ValueOf((*replay)[0]->previous) == "0");
  CHECK(ValueOf((*replay)[2]->object) == "3");

  for (int i = 4; i <= 12; ++i) fixture.Put("/registry/configmaps/ns/a", std::to_string(i));
  REQUIRE(maps.List("", first + 12).ok());
  absl::StatusOr<std::unique_ptr<CacheWatch>> too_old = maps.Watch("/registry/configmaps/", first);
  REQUIRE_FALSE(too_old.ok());
  CHECK(api::HttpCode(too_old.status()) == 410);
}

TEST_CASE("a slow watcher is dropped while the others keep receiving") {
  Fixture fixture;
  WatchCacheOptions options;
  options.watcher_buffer = 10;
  WatchCache maps("/registry/configmaps/", Fixture::Decode(), options);
  WatchCacheFeeder feeder(*fixture.storage, "/registry/", {&maps});
  REQUIRE(maps.List("", 0).ok());
  auto slow = *maps.Watch("/registry/configmaps/", 0);
  auto fast = *maps.Watch("/registry/configmaps/", 0);
  size_t received = 0;
  storage::Revision last = 0;
  for (int i = 0; i < 50; ++i) {
    last = fixture.Put("/registry/configmaps/ns/k" + std::to_string(i), "v");
    auto events = fast->Next(absl::Milliseconds(100));
    if (events.ok()) received += events->size();
  }
  absl::Time deadline = absl::Now() + absl::Seconds(5);
  while (received < 50 && absl::Now() < deadline) {
    auto events = fast->Next(absl::Milliseconds(100));
    REQUIRE(events.ok());
    received += events->size();
  }
  CHECK(received == 50);
  // The slow one overflowed its buffer of 10 and was ended, not waited for.
  absl::StatusOr<std::vector<SharedEvent>> overflowed = slow->Next(absl::Seconds(1));
  CHECK(absl::IsResourceExhausted(overflowed.status()));
  CHECK(maps.revision() >= last);
}

TEST_CASE("keys route to the most specific cache") {
  Fixture fixture;
  WatchCache services("/registry/services/", Fixture::Decode());
  WatchCache accounts("/registry/serviceaccounts/", Fixture::Decode());
  WatchCacheFeeder feeder(*fixture.storage, "/registry/", {&services, &accounts});
  fixture.Put("/registry/services/ns/a", "svc");
  storage::Revision last = fixture.Put("/registry/serviceaccounts/ns/a", "sa");
  fixture.Put("/registry/ranges/serviceips/10.0.0.1", "ns/a");  // cached nowhere
  REQUIRE(services.List("", last)->objects.size() == 1);
  CHECK(ValueOf(services.List("", last)->objects[0]) == "svc");
  CHECK(ValueOf(accounts.List("", last)->objects[0]) == "sa");
}

TEST_CASE("a cache joins a running feeder without missing or repeating a write, and leaves it") {
  Fixture fixture;
  fixture.Put("/registry/configmaps/ns/a", "1");
  fixture.Put("/registry/example.com/widgets/ns/w1", "before");
  WatchCache maps("/registry/configmaps/", Fixture::Decode());
  WatchCacheFeeder feeder(*fixture.storage, "/registry/", {&maps});
  storage::Revision synced = fixture.Put("/registry/configmaps/ns/a", "2");
  REQUIRE(maps.List("", synced).ok());  // the feed has reached this write

  WatchCache widgets("/registry/example.com/widgets/", Fixture::Decode());
  REQUIRE(feeder.AddCache(&widgets).ok());
  // What it was filled with, then what happened since, each once.
  absl::StatusOr<std::unique_ptr<CacheWatch>> watch = widgets.Watch("", synced);
  REQUIRE(watch.ok());
  storage::Revision changed = fixture.Put("/registry/example.com/widgets/ns/w1", "after");
  absl::StatusOr<WatchCache::Snapshot> listed = widgets.List("", changed);
  REQUIRE(listed.ok());
  REQUIRE(listed->objects.size() == 1);
  CHECK(ValueOf(listed->objects[0]) == "after");
  std::vector<std::string> seen;
  const absl::Time deadline = absl::Now() + absl::Seconds(30);
  while (seen.empty() && absl::Now() < deadline) {
    absl::StatusOr<std::vector<SharedEvent>> events = (*watch)->Next(absl::Seconds(1));
    REQUIRE(events.ok());
    for (const SharedEvent& event : *events) seen.push_back(ValueOf(event->object));
  }
  CHECK(seen == std::vector<std::string>{"after"});
  // A quiet cache still answers consistent reads at the newest revision.
  storage::Revision newest = fixture.Put("/registry/configmaps/ns/b", "3");
  CHECK(widgets.List("", newest).ok());

  feeder.RemoveCache(&widgets);
  storage::Revision after_removal = fixture.Put("/registry/example.com/widgets/ns/w2", "x");
  CHECK(maps.List("", after_removal).ok());   // the feed went on
  CHECK(widgets.revision() < after_removal);  // without the cache that left
}

}  // namespace
}  // namespace kube::apiserver
