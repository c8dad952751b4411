#include "apiserver/storage/storage.h"

#include <catch2/catch.hpp>

namespace kube::storage {
namespace {

TEST_CASE("CompactedError names both revisions and is recognised", "[storage]") {
  absl::Status status = CompactedError(5, 12);
  CHECK(status.code() == absl::StatusCode::kOutOfRange);
  CHECK(status.message() == "required revision has been compacted (requested 5, compacted 12)");
  CHECK(IsCompacted(status));
}

TEST_CASE("IsCompacted rejects other errors", "[storage]") {
  CHECK_FALSE(IsCompacted(absl::OkStatus()));
  CHECK_FALSE(IsCompacted(absl::NotFoundError("x")));
  CHECK_FALSE(IsCompacted(absl::AbortedError("x")));
  CHECK_FALSE(IsCompacted(absl::UnavailableError("x")));
}

}  // namespace
}  // namespace kube::storage
