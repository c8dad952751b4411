#include <catch2/catch.hpp>

#include "apiserver/registry/apps/apps_test_util.h"
#include "apiserver/registry/apps/store_test_util.h"
#include "apiserver/registry/autoscaling/horizontalpodautoscaler_strategy.h"
#include "apiserver/registry/autoscaling/register_autoscaling.h"
#include "k8s/autoscaling/v1/autoscaling.pb.h"
#include "k8s/autoscaling/v2/autoscaling.pb.h"

namespace kube::apiserver {
namespace {

using k8s::autoscaling::v1::HorizontalPodAutoscaler;
using testing::Describe;
using testing::HasError;
using testing::Parse;

constexpr char kWeb[] = R"(
  metadata { name: "web" namespace: "default" }
  spec { scaleTargetRef { apiVersion: "apps/v1" kind: "Deployment" name: "web" } maxReplicas: 5 })";

TEST_CASE("autoscaling/v1 HorizontalPodAutoscaler validation") {
  HorizontalPodAutoscalerStrategy strategy;
  auto hpa = Parse<HorizontalPodAutoscaler>(kWeb);
  CHECK(strategy.Validate(hpa).empty());
  auto* spec = hpa.mutable_spec();

  SECTION("replica bounds") {
    spec->set_minreplicas(0);
    spec->set_maxreplicas(0);
    api::FieldErrors errors = strategy.Validate(hpa);
    INFO(Describe(errors));
    CHECK(HasError(errors, "spec.minReplicas: Invalid value: 0: must be greater than or equal to 1"));
    CHECK(HasError(errors, "spec.maxReplicas: Invalid value: 0: must be greater than 0"));
    spec->set_minreplicas(6);
    spec->set_maxreplicas(5);
    CHECK(HasError(strategy.Validate(hpa),
                   "spec.maxReplicas: Invalid value: 5: must be greater than or equal to "
                   "`minReplicas`"));
  }
  SECTION("target reference") {
    spec->mutable_scaletargetref()->clear_kind();
    spec->mutable_scaletargetref()->set_name("a/b");
    api::FieldErrors errors = strategy.Validate(hpa);
    INFO(Describe(errors));
    CHECK(HasError(errors, "spec.scaleTargetRef.kind: Required value"));
    CHECK(HasError(errors, "spec.scaleTargetRef.name: Invalid value: \"a/b\": may not contain '/'"));
  }
  SECTION("CPU target") {
    spec->set_targetcpuutilizationpercentage(0);
    CHECK(HasError(strategy.Validate(hpa),
                   "spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be "
                   "greater than 0"));
  }
}

TEST_CASE("autoscaling/v1 and v2 HorizontalPodAutoscalers share one storage") {
  testing::StoreFixture fixture;
  RegisterAutoscalingResources(fixture.registry(), fixture.config());
  REQUIRE(fixture.registry().All().size() == 2);
  const ResourceInfo& v2_info = *fixture.registry().All()[0];
  const ResourceInfo& v1_info = *fixture.registry().All()[1];
  CHECK(v2_info.version == "v2");  // first: the preferred version
  CHECK_FALSE(v2_info.stored_as);
  CHECK(v1_info.version == "v1");
  REQUIRE(v1_info.stored_as);
  CHECK(v1_info.stored_as->version == "v2");
  for (const ResourceInfo* info : {&v1_info, &v2_info}) {
    CHECK(info->short_names == std::vector<std::string>{"hpa"});
    CHECK(info->categories == std::vector<std::string>{"all"});
    CHECK(info->subresources.status);
    CHECK_FALSE(info->subresources.scale);
  }

  storage::Storage& storage = *fixture.config().storage;
  Store v2_store(storage, v2_info, nullptr);
  Store store(storage, v1_info, nullptr, nullptr, &v2_info);
  auto created = store.Create(
      "default", std::make_unique<HorizontalPodAutoscaler>(Parse<HorizontalPodAutoscaler>(kWeb)),
      WriteOptions{});
  REQUIRE(created.ok());
  const auto& v1_created = static_cast<const HorizontalPodAutoscaler&>(**created);
  CHECK(v1_created.metadata().generation() == 1);
  // The stored object's defaults, as v1 says them.
  CHECK(v1_created.spec().minreplicas() == 1);
  CHECK(v1_created.spec().targetcpuutilizationpercentage() == 80);
  CHECK(v1_created.metadata().annotations().empty());

  auto stored = v2_store.Get("default", "web");
  REQUIRE(stored.ok());
  const auto& v2_hpa = static_cast<const k8s::autoscaling::v2::HorizontalPodAutoscaler&>(**stored);
  REQUIRE(v2_hpa.spec().metrics_size() == 1);
  CHECK(v2_hpa.spec().metrics(0).resource().target().averageutilization() == 80);
  CHECK(v2_hpa.metadata().resourceversion() == v1_created.metadata().resourceversion());

  auto raised = fixture.Edit<HorizontalPodAutoscaler>(
      store, "default", "web", false,
      [](HorizontalPodAutoscaler& h) { h.mutable_spec()->set_maxreplicas(10); });
  REQUIRE(raised.ok());
  CHECK(static_cast<const HorizontalPodAutoscaler&>(**raised).metadata().generation() == 2);

  auto status = fixture.Edit<HorizontalPodAutoscaler>(
      store, "default", "web", true, [](HorizontalPodAutoscaler& h) {
        h.mutable_status()->set_currentreplicas(2);
        h.mutable_status()->set_desiredreplicas(3);
        h.mutable_status()->set_currentcpuutilizationpercentage(45);
        h.mutable_spec()->set_maxreplicas(1);  // ignored on /status
      });
  REQUIRE(status.ok());
  const auto& after = static_cast<const HorizontalPodAutoscaler&>(**status);
  CHECK(after.status().desiredreplicas() == 3);
  CHECK(after.status().currentcpuutilizationpercentage() == 45);
  CHECK(after.spec().maxreplicas() == 10);
  CHECK(after.metadata().generation() == 2);

  auto negative = fixture.Edit<HorizontalPodAutoscaler>(
      store, "default", "web", true,
      [](HorizontalPodAutoscaler& h) { h.mutable_status()->set_currentreplicas(-1); });
  CHECK_FALSE(negative.ok());

  // A v1 request is checked as v1 before it is converted.
  auto invalid = store.Create("default",
                              std::make_unique<HorizontalPodAutoscaler>(Parse<HorizontalPodAutoscaler>(
                                  R"(metadata { name: "bad" } spec { maxReplicas: 0 })")),
                              WriteOptions{});
  REQUIRE_FALSE(invalid.ok());
  CHECK(invalid.status().message().find("spec.maxReplicas") != std::string::npos);
}

}  // namespace
}  // namespace kube::apiserver
