#include "common/util/content_hash.h"

#include <catch2/catch.hpp>

namespace kube::util {
namespace {

TEST_CASE("FNV-1a 128 reference values") {
  CHECK(ContentHash("") == "6C62272E07BB014262B821756295C58D");
  CHECK(ContentHash("a") == "D228CB696F1A8CAF78912B704E4A8964");
  CHECK(ContentHash("{}") != ContentHash("{ }"));
}

}  // namespace
}  // namespace kube::util
