#include <catch2/catch.hpp>

#include "apiserver/registry/apps/apps_test_util.h"
#include "apiserver/registry/apps/store_test_util.h"
#include "apiserver/registry/batch/register_batch.h"
#include "common/api/errors.h"
#include "common/selectors/field_selector.h"
#include "k8s/batch/v1/batch.pb.h"

namespace kube::apiserver {
namespace {

using k8s::batch::v1::CronJob;
using k8s::batch::v1::Job;
using testing::Parse;

TEST_CASE("batch/v1 registration") {
  testing::StoreFixture fixture;
  RegisterBatchResources(fixture.registry(), fixture.config(), testing::FakeHooks());
  const auto& all = fixture.registry().All();
  REQUIRE(all.size() == 2);
  CHECK(all[0]->resource == "jobs");
  CHECK(all[0]->short_names.empty());
  CHECK(all[0]->categories == std::vector<std::string>{"all"});
  CHECK(all[0]->subresources.status);
  CHECK_FALSE(all[0]->subresources.scale);
  CHECK(all[1]->resource == "cronjobs");
  CHECK(all[1]->short_names == std::vector<std::string>{"cj"});
  CHECK(all[1]->categories == std::vector<std::string>{"all"});
  CHECK(all[1]->subresources.status);
}

TEST_CASE("Job through the generic store on SQLite") {
  testing::StoreFixture fixture;
  RegisterBatchResources(fixture.registry(), fixture.config(), testing::FakeHooks());
  Store& store = fixture.StoreFor("batch", "Job");

  auto job = std::make_unique<Job>(Parse<Job>(R"(
    metadata { name: "pi" }
    spec { template { spec { restartPolicy: "Never" containers { name: "pi" image: "perl" } } } })"));
  auto created = store.Create("default", std::move(job), WriteOptions{});
  REQUIRE(created.ok());
  const auto& stored = static_cast<const Job&>(**created);
  const std::string& uid = stored.metadata().uid();
  REQUIRE_FALSE(uid.empty());
  CHECK(stored.metadata().generation() == 1);
  CHECK(stored.spec().selector().matchlabels().at("batch.kubernetes.io/controller-uid") == uid);
  CHECK(stored.spec().template_().metadata().labels().at("controller-uid") == uid);
  CHECK(stored.metadata().labels().at("batch.kubernetes.io/job-name") == "pi");

  // A spec change (parallelism is mutable) bumps the generation.
  auto scaled = fixture.Edit<Job>(store, "default", "pi", false,
                                  [](Job& j) { j.mutable_spec()->set_parallelism(2); });
  REQUIRE(scaled.ok());
  CHECK(static_cast<const Job&>(**scaled).metadata().generation() == 2);

  // Status through /status.
  auto status = fixture.Edit<Job>(store, "default", "pi", true, [](Job& j) {
    j.mutable_status()->set_active(1);
    j.mutable_status()->set_succeeded(1);
    j.mutable_spec()->set_parallelism(9);  // ignored
  });
  REQUIRE(status.ok());
  const auto& after = static_cast<const Job&>(**status);
  CHECK(after.status().succeeded() == 1);
  CHECK(after.spec().parallelism() == 2);
  // (The generation after a status write is covered in apps_store_test.cc: the
  // store's SpecChanged currently bumps it for specs with multi-entry maps.)

  // status.successful is a supported field selector.
  CHECK(store.SupportsField("status.successful"));
  ListParams params;
  auto selector = selectors::FieldSelector::Parse("status.successful=1");
  REQUIRE(selector.ok());
  params.field_selector = *selector;
  auto listed = store.List("default", params);
  REQUIRE(listed.ok());
  CHECK(listed->items.size() == 1);

  // The template is immutable.
  auto changed = fixture.Edit<Job>(store, "default", "pi", false, [](Job& j) {
    j.mutable_spec()->mutable_template_()->mutable_spec()->mutable_containers(0)->set_image("perl:2");
  });
  REQUIRE_FALSE(changed.ok());
  CHECK(api::ToApiStatus(changed.status()).message() ==
        "Job.batch \"pi\" is invalid: spec.template: Invalid value: core.PodTemplateSpec{...}: "
        "field is immutable");
}

TEST_CASE("CronJob through the generic store on SQLite") {
  testing::StoreFixture fixture;
  RegisterBatchResources(fixture.registry(), fixture.config(), testing::FakeHooks());
  Store& store = fixture.StoreFor("batch", "CronJob");
  auto cron_job = std::make_unique<CronJob>(Parse<CronJob>(R"(
    metadata { name: "hello" }
    spec {
      schedule: "*/5 * * * *"
      jobTemplate { spec { template { spec {
        restartPolicy: "OnFailure" containers { name: "hello" image: "busybox" } } } } }
    })"));
  auto created = store.Create("default", std::move(cron_job), WriteOptions{});
  REQUIRE(created.ok());
  CHECK(static_cast<const CronJob&>(**created).spec().concurrencypolicy() == "Allow");

  auto suspended = fixture.Edit<CronJob>(store, "default", "hello", false,
                                         [](CronJob& c) { c.mutable_spec()->set_suspend(true); });
  REQUIRE(suspended.ok());
  CHECK(static_cast<const CronJob&>(**suspended).metadata().generation() == 2);

  auto status = fixture.Edit<CronJob>(store, "default", "hello", true, [](CronJob& c) {
    c.mutable_status()->mutable_lastscheduletime()->set_seconds(1700000000);
  });
  REQUIRE(status.ok());
  CHECK(static_cast<const CronJob&>(**status).status().has_lastscheduletime());
}

}  // namespace
}  // namespace kube::apiserver
