#include "scheduler/framework/parallelizer.h"

#include <atomic>
#include <vector>

#include <catch2/catch.hpp>

namespace kube::scheduler::framework {
namespace {

TEST_CASE("Parallelizer calls the body once per piece", "[framework]") {
  for (int parallelism : {1, 2, 4}) {
    Parallelizer parallelizer(parallelism);
    for (int pieces : {0, 1, 7, 1000}) {
      std::vector<std::atomic<int>> calls(pieces);
      parallelizer.Until(pieces, [&](int i) { calls[i].fetch_add(1); });
      for (int i = 0; i < pieces; ++i) CHECK(calls[i].load() == 1);
    }
  }
}

TEST_CASE("Parallelizer runs many jobs back to back", "[framework]") {
  Parallelizer parallelizer(3);
  std::atomic<int64_t> sum{0};
  for (int round = 0; round < 200; ++round) {
    parallelizer.Until(100, [&](int i) { sum.fetch_add(i); });
  }
  CHECK(sum.load() == 200 * 4950);
}

}  // namespace
}  // namespace kube::scheduler::framework
