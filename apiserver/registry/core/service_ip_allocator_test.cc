#include "apiserver/registry/core/service_ip_allocator.h"

#include <mutex>
#include <set>
#include <thread>

#include "apiserver/registry/core/storage_test_util.h"

namespace kube::apiserver::core {
namespace {

using testing::TempStorage;

std::unique_ptr<ServiceIpAllocator> Open(storage::Storage& storage, const std::string& cidr) {
  auto allocator = ServiceIpAllocator::Create(storage, cidr);
  REQUIRE(allocator.ok());
  return std::move(*allocator);
}

TEST_CASE("ranges must be IPv4 CIDRs of /12 or longer") {
  TempStorage storage;
  CHECK_FALSE(ServiceIpAllocator::Create(storage.get(), "10.0.0.0").ok());
  CHECK_FALSE(ServiceIpAllocator::Create(storage.get(), "10.0.0.0/33").ok());
  CHECK_FALSE(ServiceIpAllocator::Create(storage.get(), "fd00::/64").ok());
  CHECK_FALSE(ServiceIpAllocator::Create(storage.get(), "10.0.0.0/8").ok());
  CHECK(ServiceIpAllocator::Create(storage.get(), "10.96.0.0/12").ok());
}

TEST_CASE("dynamic allocation skips the network, broadcast and kubernetes addresses") {
  TempStorage storage;
  auto allocator = Open(storage.get(), "10.0.0.0/29");  // .1 - .6 usable, .1 reserved
  CHECK(allocator->KubernetesServiceIp() == "10.0.0.1");
  std::set<std::string> given;
  for (int i = 0; i < 5; ++i) {
    absl::StatusOr<std::string> ip = allocator->AllocateNext("default/svc" + std::to_string(i));
    REQUIRE(ip.ok());
    given.insert(*ip);
  }
  CHECK(given == std::set<std::string>{"10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5", "10.0.0.6"});
  absl::StatusOr<std::string> full = allocator->AllocateNext("default/more");
  CHECK(absl::IsResourceExhausted(full.status()));
  CHECK(full.status().message() == "range is full");
  // The reserved address is still there for whoever asks for it by name.
  CHECK(allocator->Allocate("10.0.0.1", "default/kubernetes").ok());
}

TEST_CASE("specific addresses: taken, out of range, released") {
  TempStorage storage;
  auto allocator = Open(storage.get(), "10.0.0.0/24");
  REQUIRE(allocator->Allocate("10.0.0.5", "default/a").ok());
  auto holder = allocator->Holder("10.0.0.5");
  REQUIRE(holder.ok());
  CHECK(*holder == std::optional<std::string>("default/a"));

  absl::Status taken = allocator->Allocate("10.0.0.5", "default/b");
  CHECK(absl::IsAlreadyExists(taken));
  CHECK(taken.message() == "provided IP is already allocated");

  absl::Status outside = allocator->Allocate("10.0.1.5", "default/b");
  CHECK(absl::IsOutOfRange(outside));
  CHECK(outside.message() ==
        "the provided IP (10.0.1.5) is not in the valid range. The range of valid IPs is 10.0.0.0/24");
  CHECK(absl::IsOutOfRange(allocator->Allocate("10.0.0.0", "default/b")));
  CHECK(absl::IsOutOfRange(allocator->Allocate("10.0.0.255", "default/b")));

  // Only the holder frees it.
  CHECK(allocator->Release("10.0.0.5", "default/b").ok());
  CHECK(*allocator->Holder("10.0.0.5") == std::optional<std::string>("default/a"));
  CHECK(allocator->Release("10.0.0.5", "default/a").ok());
  CHECK(*allocator->Holder("10.0.0.5") == std::nullopt);
  CHECK(allocator->Allocate("10.0.0.5", "default/b").ok());
}

TEST_CASE("addresses freed by another apiserver are found again") {
  TempStorage storage;
  auto first = Open(storage.get(), "10.0.0.0/29");
  auto second = Open(storage.get(), "10.0.0.0/29");
  for (int i = 0; i < 5; ++i) REQUIRE(first->AllocateNext("ns/s" + std::to_string(i)).ok());
  REQUIRE(absl::IsResourceExhausted(first->AllocateNext("ns/x").status()));
  // The scan starts at a random address, so ask who got 10.0.0.4.
  auto holder = second->Holder("10.0.0.4");
  REQUIRE(holder.ok());
  REQUIRE(holder->has_value());
  REQUIRE(second->Release("10.0.0.4", **holder).ok());
  absl::StatusOr<std::string> again = first->AllocateNext("ns/x");
  REQUIRE(again.ok());
  CHECK(*again == "10.0.0.4");
}

TEST_CASE("concurrent allocation never hands out one address twice") {
  TempStorage storage;
  // Two allocators on one store stand for two apiservers; 8 threads share them.
  auto first = Open(storage.get(), "10.0.0.0/24");
  auto second = Open(storage.get(), "10.0.0.0/24");
  std::mutex mutex;
  std::vector<std::string> given;
  int exhausted = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      ServiceIpAllocator& allocator = t % 2 == 0 ? *first : *second;
      for (int i = 0; i < 40; ++i) {
        absl::StatusOr<std::string> ip = allocator.AllocateNext("ns/t" + std::to_string(t));
        std::lock_guard<std::mutex> lock(mutex);
        if (ip.ok()) {
          given.push_back(*ip);
        } else {
          CHECK(absl::IsResourceExhausted(ip.status()));
          ++exhausted;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  std::set<std::string> unique(given.begin(), given.end());
  CHECK(unique.size() == given.size());
  CHECK(given.size() == 253);  // 254 usable, one kept for `kubernetes`
  CHECK(exhausted == 8 * 40 - 253);
  CHECK_FALSE(unique.contains("10.0.0.1"));
}

}  // namespace
}  // namespace kube::apiserver::core
