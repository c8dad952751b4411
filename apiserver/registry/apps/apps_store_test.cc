#include <catch2/catch.hpp>

#include "apiserver/registry/apps/apps_test_util.h"
#include "apiserver/registry/apps/register_apps.h"
#include "apiserver/registry/apps/store_test_util.h"
#include "common/api/errors.h"
#include "k8s/apps/v1/apps.pb.h"

namespace kube::apiserver {
namespace {

using k8s::apps::v1::Deployment;
using testing::Parse;

TEST_CASE("apps/v1 is registered as upstream's discovery lists it") {
  testing::StoreFixture fixture;
  RegisterAppsResources(fixture.registry(), fixture.config(), testing::FakeHooks());
  const auto& all = fixture.registry().All();
  REQUIRE(all.size() == 5);
  CHECK(all[0]->resource == "deployments");
  CHECK(all[0]->short_names == std::vector<std::string>{"deploy"});
  CHECK(all[0]->categories == std::vector<std::string>{"all"});
  CHECK(all[0]->subresources.status);
  CHECK(all[0]->subresources.scale);
  CHECK(all[1]->short_names == std::vector<std::string>{"rs"});
  CHECK(all[2]->short_names == std::vector<std::string>{"ds"});
  CHECK_FALSE(all[2]->subresources.scale);
  CHECK(all[3]->short_names == std::vector<std::string>{"sts"});
  CHECK(all[3]->subresources.scale);
  CHECK(all[4]->kind == "ControllerRevision");
  CHECK(all[4]->short_names.empty());
  CHECK(all[4]->categories.empty());
  CHECK_FALSE(all[4]->subresources.status);
  for (const auto& info : all) {
    CHECK(info->group == "apps");
    CHECK(info->namespaced);
    CHECK(info->strategy != nullptr);
    CHECK(info->printer == nullptr);
  }
}

TEST_CASE("Deployment through the generic store on SQLite") {
  testing::StoreFixture fixture;
  RegisterAppsResources(fixture.registry(), fixture.config(), testing::FakeHooks());
  Store& store = fixture.StoreFor("apps", "Deployment");

  auto deployment = std::make_unique<Deployment>(Parse<Deployment>(R"(
    metadata { name: "web" }
    spec {
      selector { matchLabels { key: "app" value: "web" } }
      template {
        metadata { labels { key: "app" value: "web" } }
        spec { containers { name: "web" image: "nginx" } }
      }
    }
    status { replicas: 9 })"));
  auto created = store.Create("default", std::move(deployment), WriteOptions{});
  REQUIRE(created.ok());
  const auto& stored = static_cast<const Deployment&>(**created);
  CHECK(stored.metadata().generation() == 1);
  CHECK(stored.spec().replicas() == 1);
  CHECK(stored.spec().strategy().rollingupdate().maxsurge().strval() == "25%");
  CHECK_FALSE(stored.has_status());  // clients may not set status on create

  // A spec change bumps the generation; status stays.
  auto scaled = fixture.Edit<Deployment>(store, "default", "web", false, [](Deployment& d) {
    d.mutable_spec()->set_replicas(3);
    d.mutable_status()->set_replicas(7);  // ignored on the main resource
  });
  REQUIRE(scaled.ok());
  const auto& after_scale = static_cast<const Deployment&>(**scaled);
  CHECK(after_scale.metadata().generation() == 2);
  CHECK(after_scale.spec().replicas() == 3);
  CHECK_FALSE(after_scale.has_status());

  // /status writes status only; the generation stays.
  auto status = fixture.Edit<Deployment>(store, "default", "web", true, [](Deployment& d) {
    d.mutable_status()->set_observedgeneration(2);
    d.mutable_status()->set_replicas(3);
    d.mutable_spec()->set_replicas(10);  // ignored on /status
  });
  REQUIRE(status.ok());
  const auto& after_status = static_cast<const Deployment&>(**status);
  CHECK(after_status.metadata().generation() == 2);
  CHECK(after_status.spec().replicas() == 3);
  CHECK(after_status.status().replicas() == 3);
  CHECK(after_status.status().observedgeneration() == 2);

  // Pausing is a spec change too.
  auto paused = fixture.Edit<Deployment>(store, "default", "web", false,
                                         [](Deployment& d) { d.mutable_spec()->set_paused(true); });
  REQUIRE(paused.ok());
  CHECK(static_cast<const Deployment&>(**paused).metadata().generation() == 3);
  CHECK(static_cast<const Deployment&>(**paused).status().replicas() == 3);

  // Changing the selector is refused with upstream's message.
  auto moved = fixture.Edit<Deployment>(store, "default", "web", false, [](Deployment& d) {
    (*d.mutable_spec()->mutable_selector()->mutable_matchlabels())["app"] = "api";
    (*d.mutable_spec()->mutable_template_()->mutable_metadata()->mutable_labels())["app"] = "api";
  });
  REQUIRE_FALSE(moved.ok());
  CHECK(api::HttpCode(moved.status()) == 422);
  std::string message = api::ToApiStatus(moved.status()).message();
  CHECK(message ==
        "Deployment.apps \"web\" is invalid: spec.selector: Invalid value: "
        "&LabelSelector{MatchLabels:map[string]string{app: api,},MatchExpressions:[]"
        "LabelSelectorRequirement{},}: field is immutable");
}

TEST_CASE("an invalid Deployment is refused on create") {
  testing::StoreFixture fixture;
  RegisterAppsResources(fixture.registry(), fixture.config(), testing::FakeHooks());
  Store& store = fixture.StoreFor("apps", "Deployment");
  auto deployment = std::make_unique<Deployment>(Parse<Deployment>(R"(
    metadata { name: "web" }
    spec {
      selector { matchLabels { key: "app" value: "other" } }
      template {
        metadata { labels { key: "app" value: "web" } }
        spec { containers { name: "web" image: "nginx" } }
      }
    })"));
  auto created = store.Create("default", std::move(deployment), WriteOptions{});
  REQUIRE_FALSE(created.ok());
  CHECK(api::ToApiStatus(created.status()).message() ==
        "Deployment.apps \"web\" is invalid: spec.template.metadata.labels: Invalid value: "
        "map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`");
}

}  // namespace
}  // namespace kube::apiserver

namespace kube::apiserver {
namespace {

// Equal specs must compare equal even when their maps serialize in different
// orders; otherwise every write (status included) bumps the generation and
// `kubectl rollout status` waits forever.
TEST_CASE("writes that leave the spec alone keep the generation") {
  testing::StoreFixture fixture;
  RegisterAppsResources(fixture.registry(), fixture.config(), testing::FakeHooks());
  Store& store = fixture.StoreFor("apps", "Deployment");
  auto deployment = std::make_unique<Deployment>(testing::Parse<Deployment>(R"(
    metadata { name: "web" }
    spec {
      selector { matchLabels { key: "app" value: "web" } matchLabels { key: "tier" value: "fe" } }
      template {
        metadata { labels { key: "app" value: "web" } labels { key: "tier" value: "fe" } }
        spec { containers { name: "web" image: "nginx" } }
      }
    })"));
  REQUIRE(store.Create("default", std::move(deployment), WriteOptions{}).ok());

  auto status = fixture.Edit<Deployment>(store, "default", "web", true,
                                         [](Deployment& d) { d.mutable_status()->set_replicas(1); });
  REQUIRE(status.ok());
  CHECK(static_cast<const Deployment&>(**status).metadata().generation() == 1);

  auto labelled = fixture.Edit<Deployment>(store, "default", "web", false, [](Deployment& d) {
    (*d.mutable_metadata()->mutable_labels())["team"] = "a";
  });
  REQUIRE(labelled.ok());
  CHECK(static_cast<const Deployment&>(**labelled).metadata().generation() == 1);
}

}  // namespace
}  // namespace kube::apiserver
