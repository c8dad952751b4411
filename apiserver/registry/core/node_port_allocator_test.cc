#include "apiserver/registry/core/node_port_allocator.h"

#include <mutex>
#include <set>
#include <thread>

#include "apiserver/registry/core/storage_test_util.h"

namespace kube::apiserver::core {
namespace {

using testing::TempStorage;

TEST_CASE("node port ranges parse as first-last or first+count") {
  TempStorage storage;
  auto dash = NodePortAllocator::Create(storage.get(), "30000-32767");
  REQUIRE(dash.ok());
  CHECK((*dash)->range() == "30000-32767");
  auto plus = NodePortAllocator::Create(storage.get(), "30000+10");
  REQUIRE(plus.ok());
  CHECK((*plus)->range() == "30000-30009");
  CHECK_FALSE(NodePortAllocator::Create(storage.get(), "30000").ok());
  CHECK_FALSE(NodePortAllocator::Create(storage.get(), "x-y").ok());
  CHECK_FALSE(NodePortAllocator::Create(storage.get(), "30000-70000").ok());
}

TEST_CASE("node ports: specific, taken, out of range, exhaustion, release") {
  TempStorage storage;
  auto allocator = std::move(*NodePortAllocator::Create(storage.get(), "30000-30003"));
  REQUIRE(allocator->Allocate(30001, "ns/a").ok());
  absl::Status taken = allocator->Allocate(30001, "ns/b");
  CHECK(absl::IsAlreadyExists(taken));
  CHECK(taken.message() == "provided port is already allocated");
  absl::Status outside = allocator->Allocate(80, "ns/b");
  CHECK(absl::IsOutOfRange(outside));
  CHECK(outside.message() == "provided port is not in the valid range. The range of valid ports is 30000-30003");

  std::set<int32_t> given;
  for (int i = 0; i < 3; ++i) {
    absl::StatusOr<int32_t> port = allocator->AllocateNext("ns/c");
    REQUIRE(port.ok());
    given.insert(*port);
  }
  CHECK(given == std::set<int32_t>{30000, 30002, 30003});
  CHECK(absl::IsResourceExhausted(allocator->AllocateNext("ns/d").status()));
  REQUIRE(allocator->Release(30002, "ns/c").ok());
  absl::StatusOr<int32_t> again = allocator->AllocateNext("ns/d");
  REQUIRE(again.ok());
  CHECK(*again == 30002);
}

TEST_CASE("concurrent node port allocation is unique") {
  TempStorage storage;
  auto allocator = std::move(*NodePortAllocator::Create(storage.get(), "30000-30099"));
  std::mutex mutex;
  std::vector<int32_t> given;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 15; ++i) {
        absl::StatusOr<int32_t> port = allocator->AllocateNext("ns/svc");
        if (!port.ok()) continue;
        std::lock_guard<std::mutex> lock(mutex);
        given.push_back(*port);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(given.size() == 100);
  CHECK(std::set<int32_t>(given.begin(), given.end()).size() == 100);
}

}  // namespace
}  // namespace kube::apiserver::core
