#include <catch2/catch.hpp>

#include "apiserver/registry/apps/apps_test_util.h"
#include "apiserver/registry/batch/cronjob_strategy.h"
#include "k8s/batch/v1/batch.pb.h"

namespace kube::apiserver {
namespace {

using k8s::batch::v1::CronJob;
using testing::Describe;
using testing::HasError;
using testing::Parse;

CronJob Valid(const CronJobStrategy& strategy) {
  auto cron_job = Parse<CronJob>(R"(
    metadata { name: "hello" namespace: "default" }
    spec {
      schedule: "*/1 * * * *"
      jobTemplate { spec { template { spec {
        restartPolicy: "OnFailure" containers { name: "hello" image: "busybox" } } } } }
    })");
  strategy.Default(cron_job);
  return cron_job;
}

TEST_CASE("CronJob defaults") {
  CronJobStrategy strategy(testing::FakeHooks());
  CronJob cron_job = Valid(strategy);
  const auto& spec = cron_job.spec();
  CHECK(spec.concurrencypolicy() == "Allow");
  CHECK(spec.has_suspend());
  CHECK_FALSE(spec.suspend());
  CHECK(spec.successfuljobshistorylimit() == 3);
  CHECK(spec.failedjobshistorylimit() == 1);
  // The job template's JobSpec is not defaulted, as upstream.
  CHECK_FALSE(spec.jobtemplate().spec().has_backofflimit());
  CHECK(strategy.Validate(cron_job).empty());
}

TEST_CASE("CronJob validation") {
  CronJobStrategy strategy(testing::FakeHooks());
  CronJob cron_job = Valid(strategy);
  auto* spec = cron_job.mutable_spec();

  SECTION("schedule is required") {
    spec->clear_schedule();
    CHECK(HasError(strategy.Validate(cron_job), "spec.schedule: Required value"));
  }
  SECTION("schedule must parse") {
    spec->set_schedule("every minute");
    CHECK(HasError(strategy.Validate(cron_job),
                   "spec.schedule: Invalid value: \"every minute\": expected exactly 5 fields, "
                   "found 2: [every minute]"));
  }
  SECTION("no TZ in the schedule") {
    spec->set_schedule("CRON_TZ=UTC 0 * * * *");
    api::FieldErrors errors = strategy.Validate(cron_job);
    INFO(Describe(errors));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].detail == "cannot use TZ or CRON_TZ in schedule, use timeZone field instead");
  }
  SECTION("time zone") {
    spec->set_timezone("Mars/Olympus_Mons");
    CHECK(HasError(strategy.Validate(cron_job),
                   "spec.timeZone: Invalid value: \"Mars/Olympus_Mons\": unknown time zone "
                   "Mars/Olympus_Mons"));
    spec->set_timezone("");
    CHECK(HasError(strategy.Validate(cron_job),
                   "spec.timeZone: Invalid value: \"\": timeZone must be nil or non-empty string"));
    spec->set_timezone("UTC");
    CHECK(strategy.Validate(cron_job).empty());
  }
  SECTION("concurrency policy") {
    spec->set_concurrencypolicy("Sometimes");
    CHECK(HasError(strategy.Validate(cron_job),
                   "spec.concurrencyPolicy: Unsupported value: \"Sometimes\": supported values: "
                   "\"Allow\", \"Forbid\", \"Replace\""));
  }
  SECTION("job template") {
    auto* job_spec = spec->mutable_jobtemplate()->mutable_spec();
    (*job_spec->mutable_selector()->mutable_matchlabels())["a"] = "b";
    job_spec->set_manualselector(true);
    job_spec->mutable_template_()->mutable_spec()->set_restartpolicy("Always");
    api::FieldErrors errors = strategy.Validate(cron_job);
    INFO(Describe(errors));
    CHECK(HasError(errors,
                   "spec.jobTemplate.spec.selector: Invalid value: &LabelSelector{MatchLabels:"
                   "map[string]string{a: b,},MatchExpressions:[]LabelSelectorRequirement{},}: "
                   "`selector` will be auto-generated"));
    CHECK(HasError(errors,
                   "spec.jobTemplate.spec.manualSelector: Unsupported value: true: supported "
                   "values: \"nil\", \"false\""));
    CHECK(HasError(errors,
                   "spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid "
                   "values: \"OnFailure\", \"Never\""));
  }
  SECTION("history limits") {
    spec->set_failedjobshistorylimit(-1);
    CHECK(HasError(strategy.Validate(cron_job),
                   "spec.failedJobsHistoryLimit: Invalid value: -1: must be greater than or "
                   "equal to 0"));
  }
  SECTION("name length") {
    cron_job.mutable_metadata()->set_name(std::string(53, 'a'));
    CHECK(HasError(strategy.Validate(cron_job),
                   "metadata.name: Invalid value: \"" + std::string(53, 'a') +
                       "\": must be no more than 52 characters"));
  }
}

}  // namespace
}  // namespace kube::apiserver
