#include <catch2/catch.hpp>

#include "apiserver/registry/apps/apps_test_util.h"
#include "apiserver/registry/apps/statefulset_strategy.h"
#include "k8s/apps/v1/apps.pb.h"

namespace kube::apiserver {
namespace {

using k8s::apps::v1::StatefulSet;
using testing::Describe;
using testing::HasError;
using testing::Parse;

StatefulSet Valid(const StatefulSetStrategy& strategy) {
  auto sts = Parse<StatefulSet>(R"(
    metadata { name: "db" namespace: "default" }
    spec {
      selector { matchLabels { key: "app" value: "db" } }
      template {
        metadata { labels { key: "app" value: "db" } }
        spec { containers { name: "db" image: "postgres"
                            volumeMounts { name: "data" mountPath: "/data" } } }
      }
      volumeClaimTemplates { metadata { name: "data" } spec { accessModes: "ReadWriteOnce" } }
    })");
  strategy.Default(sts);
  return sts;
}

TEST_CASE("StatefulSet defaults") {
  StatefulSetStrategy strategy(testing::FakeHooks());
  StatefulSet sts = Valid(strategy);
  const auto& spec = sts.spec();
  CHECK(spec.replicas() == 1);
  CHECK(spec.podmanagementpolicy() == "OrderedReady");
  CHECK(spec.updatestrategy().type() == "RollingUpdate");
  CHECK(spec.updatestrategy().rollingupdate().has_partition());
  CHECK(spec.updatestrategy().rollingupdate().partition() == 0);
  CHECK(spec.revisionhistorylimit() == 10);
  CHECK(spec.persistentvolumeclaimretentionpolicy().whendeleted() == "Retain");
  CHECK(spec.persistentvolumeclaimretentionpolicy().whenscaled() == "Retain");
  CHECK(spec.volumeclaimtemplates(0).spec().volumemode() == "Filesystem");
  CHECK(spec.servicename().empty());  // allowed
  CHECK(strategy.Validate(sts).empty());
  CHECK(strategy.name_rule() == NameRule::kDnsLabel);
}

TEST_CASE("StatefulSet validation") {
  StatefulSetStrategy strategy(testing::FakeHooks());
  StatefulSet sts = Valid(strategy);
  SECTION("pod management policy") {
    sts.mutable_spec()->set_podmanagementpolicy("Random");
    CHECK(HasError(strategy.Validate(sts),
                   "spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' "
                   "or 'Parallel'"));
  }
  SECTION("empty selector") {
    sts.mutable_spec()->mutable_selector()->clear_matchlabels();
    api::FieldErrors errors = strategy.Validate(sts);
    INFO(Describe(errors));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].detail == "empty selector is invalid for statefulset");
  }
  SECTION("negative partition") {
    sts.mutable_spec()->mutable_updatestrategy()->mutable_rollingupdate()->set_partition(-1);
    CHECK(HasError(strategy.Validate(sts),
                   "spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be "
                   "greater than or equal to 0"));
  }
  SECTION("OnDelete with rollingUpdate") {
    sts.mutable_spec()->mutable_updatestrategy()->set_type("OnDelete");
    api::FieldErrors errors = strategy.Validate(sts);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].detail == "only allowed for updateStrategy 'RollingUpdate'");
  }
  SECTION("pod spec is not validated through the hooks") {
    sts.mutable_spec()->mutable_template_()->mutable_spec()->clear_containers();
    CHECK(strategy.Validate(sts).empty());
  }
}

TEST_CASE("StatefulSet update may change only some fields") {
  StatefulSetStrategy strategy(testing::FakeHooks());
  StatefulSet old = Valid(strategy);
  StatefulSet updated = old;
  updated.mutable_spec()->set_replicas(3);
  updated.mutable_spec()->set_minreadyseconds(5);
  updated.mutable_spec()->mutable_template_()->mutable_spec()->mutable_containers(0)->set_image("pg:2");
  updated.mutable_spec()->mutable_updatestrategy()->mutable_rollingupdate()->set_partition(2);
  CHECK(strategy.ValidateUpdate(updated, old).empty());

  updated.mutable_spec()->set_servicename("db-headless");
  api::FieldErrors errors = strategy.ValidateUpdate(updated, old);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].ToString() ==
        "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', "
        "'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and "
        "'minReadySeconds' are forbidden");
}

}  // namespace
}  // namespace kube::apiserver
