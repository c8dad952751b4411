#include <catch2/catch.hpp>

#include "apiserver/registry/apps/apps_test_util.h"
#include "apiserver/registry/apps/daemonset_strategy.h"
#include "k8s/apps/v1/apps.pb.h"

namespace kube::apiserver {
namespace {

using k8s::apps::v1::DaemonSet;
using testing::Describe;
using testing::HasError;
using testing::Parse;

DaemonSet Valid(const DaemonSetStrategy& strategy) {
  auto ds = Parse<DaemonSet>(R"(
    metadata { name: "agent" namespace: "kube-system" }
    spec {
      selector { matchLabels { key: "app" value: "agent" } }
      template {
        metadata { labels { key: "app" value: "agent" } }
        spec { containers { name: "agent" image: "busybox" } }
      }
    })");
  strategy.Default(ds);
  return ds;
}

std::string TemplateGeneration(const DaemonSet& ds) {
  auto it = ds.metadata().annotations().find(DaemonSetStrategy::kTemplateGenerationAnnotation);
  return it == ds.metadata().annotations().end() ? "" : it->second;
}

TEST_CASE("DaemonSet defaults") {
  DaemonSetStrategy strategy(testing::FakeHooks());
  DaemonSet ds = Valid(strategy);
  const auto& update = ds.spec().updatestrategy();
  CHECK(update.type() == "RollingUpdate");
  CHECK(update.rollingupdate().maxunavailable().intval() == 1);
  CHECK(update.rollingupdate().maxunavailable().type() == 0);
  CHECK(update.rollingupdate().has_maxsurge());
  CHECK(update.rollingupdate().maxsurge().intval() == 0);
  CHECK(ds.spec().revisionhistorylimit() == 10);
  CHECK(strategy.Validate(ds).empty());
}

TEST_CASE("DaemonSet validation") {
  DaemonSetStrategy strategy(testing::FakeHooks());
  DaemonSet ds = Valid(strategy);

  SECTION("a missing selector shows as a template mismatch") {
    ds.mutable_spec()->clear_selector();
    api::FieldErrors errors = strategy.Validate(ds);
    INFO(Describe(errors));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].field == "spec.template.metadata.labels");
  }
  SECTION("maxSurge and maxUnavailable both non-zero") {
    ds.mutable_spec()->mutable_updatestrategy()->mutable_rollingupdate()->mutable_maxsurge()->set_intval(1);
    CHECK(HasError(strategy.Validate(ds),
                   "spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set "
                   "when maxUnavailable is non-zero"));
  }
  SECTION("both zero") {
    ds.mutable_spec()->mutable_updatestrategy()->mutable_rollingupdate()->mutable_maxunavailable()->set_intval(0);
    CHECK(HasError(strategy.Validate(ds),
                   "spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 "
                   "when maxSurge is 0"));
  }
  SECTION("unknown update strategy") {
    ds.mutable_spec()->mutable_updatestrategy()->set_type("Never");
    api::FieldErrors errors = strategy.Validate(ds);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].field == "spec.updateStrategy");
    CHECK(errors[0].type == api::FieldError::Type::kNotSupported);
    CHECK(errors[0].detail == "supported values: \"RollingUpdate\", \"OnDelete\"");
  }
  SECTION("restartPolicy") {
    ds.mutable_spec()->mutable_template_()->mutable_spec()->set_restartpolicy("OnFailure");
    CHECK(HasError(strategy.Validate(ds),
                   "spec.template.spec.restartPolicy: Unsupported value: \"OnFailure\": supported "
                   "values: \"Always\""));
  }
}

TEST_CASE("DaemonSet template generation and immutable selector") {
  DaemonSetStrategy strategy(testing::FakeHooks());
  DaemonSet old = Valid(strategy);
  strategy.PrepareForCreate(old);
  CHECK(TemplateGeneration(old) == "1");

  DaemonSet updated = old;
  (*updated.mutable_metadata()->mutable_annotations())
      [DaemonSetStrategy::kTemplateGenerationAnnotation] = "7";  // clients cannot set it
  strategy.PrepareForUpdate(updated, old);
  CHECK(TemplateGeneration(updated) == "1");

  updated.mutable_spec()->mutable_template_()->mutable_spec()->mutable_containers(0)->set_image("busybox:2");
  strategy.PrepareForUpdate(updated, old);
  CHECK(TemplateGeneration(updated) == "2");

  updated.mutable_spec()->mutable_selector()->mutable_matchlabels()->clear();
  CHECK(strategy.ValidateUpdate(updated, old).size() == 1);
}

}  // namespace
}  // namespace kube::apiserver
