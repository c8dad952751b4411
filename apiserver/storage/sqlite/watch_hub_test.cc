#include "apiserver/storage/sqlite/watch_hub.h"

#include <catch2/catch.hpp>

#include <thread>

namespace kube::storage::sqlite {
namespace {

Event Added(const std::string& key, Revision revision) {
  Event event;
  event.kv.key = key;
  event.kv.value = "v";
  event.kv.create_revision = revision;
  event.kv.mod_revision = revision;
  return event;
}

std::vector<Revision> RevisionsOf(const std::vector<Event>& events) {
  std::vector<Revision> revisions;
  for (const Event& event : events) revisions.push_back(event.kv.mod_revision);
  return revisions;
}

TEST_CASE("WatchHub delivers matching events in order", "[watch_hub]") {
  auto hub = std::make_shared<WatchHub>(10);
  auto queue = std::make_shared<WatcherQueue>("/a/", 0, 100);
  absl::StatusOr<Revision> last = hub->Register(queue);
  REQUIRE(last.ok());
  CHECK(*last == 10);
  std::unique_ptr<Watch> watch = MakeHubWatch(hub, queue);

  hub->Publish(Added("/a/1", 11));
  hub->Publish(Added("/ab", 12));
  hub->Publish(Added("/a/2", 13));
  absl::StatusOr<std::vector<Event>> events = watch->Next(absl::Seconds(1));
  REQUIRE(events.ok());
  CHECK(RevisionsOf(*events) == std::vector<Revision>{11, 13});
  CHECK(hub->Register(std::make_shared<WatcherQueue>("", 0, 1)).value_or(-1) == 13);

  // Nothing new: Next times out empty.
  events = watch->Next(absl::Milliseconds(20));
  REQUIRE(events.ok());
  CHECK(events->empty());
}

TEST_CASE("WatchHub puts history ahead of live events and skips old ones", "[watch_hub]") {
  auto hub = std::make_shared<WatchHub>(5);
  auto queue = std::make_shared<WatcherQueue>("", 3, 100);
  REQUIRE(hub->Register(queue).ok());
  std::unique_ptr<Watch> watch = MakeHubWatch(hub, queue);
  hub->Publish(Added("/k", 6));
  queue->PrependHistory({Added("/h", 4), Added("/h", 5)});
  absl::StatusOr<std::vector<Event>> events = watch->Next(absl::Seconds(1));
  REQUIRE(events.ok());
  CHECK(RevisionsOf(*events) == std::vector<Revision>{4, 5, 6});

  // A watcher starting in the future ignores events up to its start.
  auto future = std::make_shared<WatcherQueue>("", 8, 100);
  REQUIRE(hub->Register(future).ok());
  std::unique_ptr<Watch> later = MakeHubWatch(hub, future);
  for (Revision r = 7; r <= 9; ++r) hub->Publish(Added("/k", r));
  events = later->Next(absl::Seconds(1));
  REQUIRE(events.ok());
  CHECK(RevisionsOf(*events) == std::vector<Revision>{9});
}

TEST_CASE("WatchHub drops a watcher that overflows, without blocking", "[watch_hub]") {
  auto hub = std::make_shared<WatchHub>(0);
  auto queue = std::make_shared<WatcherQueue>("", 0, 3);
  REQUIRE(hub->Register(queue).ok());
  std::unique_ptr<Watch> watch = MakeHubWatch(hub, queue);
  for (Revision r = 1; r <= 4; ++r) hub->Publish(Added("/k", r));
  CHECK(hub->WatcherCount() == 0);
  CHECK(watch->Next(absl::ZeroDuration()).status().code() ==
        absl::StatusCode::kResourceExhausted);

  // History bigger than the buffer overflows too.
  auto replay = std::make_shared<WatcherQueue>("", 0, 1);
  REQUIRE(hub->Register(replay).ok());
  replay->PrependHistory({Added("/h", 1), Added("/h", 2)});
  CHECK(replay->Next(absl::ZeroDuration()).status().code() ==
        absl::StatusCode::kResourceExhausted);
}

TEST_CASE("WatchHub unregisters destroyed watches", "[watch_hub]") {
  auto hub = std::make_shared<WatchHub>(0);
  auto queue = std::make_shared<WatcherQueue>("", 0, 10);
  REQUIRE(hub->Register(queue).ok());
  std::unique_ptr<Watch> watch = MakeHubWatch(hub, queue);
  CHECK(hub->WatcherCount() == 1);
  watch.reset();
  CHECK(hub->WatcherCount() == 0);
}

TEST_CASE("WatchHub close wakes readers with Cancelled", "[watch_hub]") {
  auto hub = std::make_shared<WatchHub>(0);
  auto queue = std::make_shared<WatcherQueue>("", 0, 10);
  REQUIRE(hub->Register(queue).ok());
  std::unique_ptr<Watch> watch = MakeHubWatch(hub, queue);
  absl::StatusCode code = absl::StatusCode::kOk;
  std::thread reader([&] { code = watch->Next(absl::Seconds(30)).status().code(); });
  absl::SleepFor(absl::Milliseconds(50));
  const absl::Time start = absl::Now();
  hub->Close();
  reader.join();
  CHECK(absl::Now() - start < absl::Seconds(10));
  CHECK(code == absl::StatusCode::kCancelled);
  CHECK(hub->Register(std::make_shared<WatcherQueue>("", 0, 1)).status().code() ==
        absl::StatusCode::kCancelled);
  watch.reset();  // unregistering from a closed hub is fine
}

}  // namespace
}  // namespace kube::storage::sqlite
