#include "controller-manager/nodeipam/cidr_allocator.h"

#include <catch2/catch.hpp>

namespace kube::kcm::nodeipam {

TEST_CASE("CidrAllocator hands out /24s in order and skips occupied ones", "[nodeipam]") {
  auto allocator = CidrAllocator::Create("10.244.0.0/16", 24);
  REQUIRE(allocator.ok());
  REQUIRE(allocator->Occupy("10.244.1.0/24").ok());
  CHECK(*allocator->AllocateNext() == "10.244.0.0/24");
  CHECK(*allocator->AllocateNext() == "10.244.2.0/24");
  CHECK(allocator->used() == 3);
  allocator->Release("10.244.1.0/24");
  CHECK(allocator->used() == 2);
}

TEST_CASE("CidrAllocator runs out", "[nodeipam]") {
  auto allocator = CidrAllocator::Create("10.0.0.0/23", 24);
  REQUIRE(allocator.ok());
  CHECK(allocator->AllocateNext().ok());
  CHECK(allocator->AllocateNext().ok());
  CHECK(absl::IsResourceExhausted(allocator->AllocateNext().status()));
  allocator->Release("10.0.1.0/24");
  CHECK(*allocator->AllocateNext() == "10.0.1.0/24");
}

TEST_CASE("CidrAllocator rejects bad input", "[nodeipam]") {
  CHECK_FALSE(CidrAllocator::Create("10.0.0.0", 24).ok());
  CHECK_FALSE(CidrAllocator::Create("10.0.0.0/25", 24).ok());
  CHECK_FALSE(CidrAllocator::Create("300.0.0.0/16", 24).ok());
  auto allocator = CidrAllocator::Create("10.244.0.0/16", 24);
  REQUIRE(allocator.ok());
  CHECK_FALSE(allocator->Occupy("192.168.0.0/24").ok());
  CHECK_FALSE(allocator->Occupy("10.244.0.0/25").ok());
}

}  // namespace kube::kcm::nodeipam
