#include <catch2/catch.hpp>

#include "apiserver/registry/apps/apps_test_util.h"
#include "apiserver/registry/apps/controllerrevision_strategy.h"
#include "k8s/apps/v1/apps.pb.h"

namespace kube::apiserver {
namespace {

using k8s::apps::v1::ControllerRevision;
using testing::HasError;

TEST_CASE("ControllerRevision validation") {
  ControllerRevisionStrategy strategy;
  ControllerRevision revision;
  revision.mutable_metadata()->set_name("web-5d8f");
  revision.set_revision(-1);
  api::FieldErrors errors = strategy.Validate(revision);
  CHECK(HasError(errors, "data: Required value: data is mandatory"));
  CHECK(HasError(errors, "revision: Invalid value: -1: must be greater than or equal to 0"));

  revision.set_revision(1);
  revision.mutable_data()->set_raw(R"({"spec":{}})");
  CHECK(strategy.Validate(revision).empty());

  ControllerRevision updated = revision;
  updated.mutable_metadata()->mutable_labels()->insert({"a", "b"});
  CHECK(strategy.ValidateUpdate(updated, revision).empty());
  updated.mutable_data()->set_raw(R"({"spec":{"x":1}})");
  errors = strategy.ValidateUpdate(updated, revision);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].field == "data");
  CHECK(errors[0].detail == "field is immutable");
}

}  // namespace
}  // namespace kube::apiserver
