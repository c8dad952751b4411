#include <catch2/catch.hpp>

#include "apiserver/registry/apps/apps_test_util.h"
#include "apiserver/registry/batch/job_selector.h"
#include "apiserver/registry/batch/job_strategy.h"
#include "k8s/batch/v1/batch.pb.h"

namespace kube::apiserver {
namespace {

using k8s::batch::v1::Job;
using testing::Describe;
using testing::HasError;
using testing::Parse;

constexpr char kUid[] = "6a1f4b2e-0000-4000-8000-000000000001";

// A Job as the store hands it to the strategy on create: uid assigned, defaulted,
// prepared.
Job Created(const JobStrategy& strategy, const std::string& text) {
  Job job = Parse<Job>(text);
  job.mutable_metadata()->set_uid(kUid);
  strategy.Default(job);
  strategy.PrepareForCreate(job);
  return job;
}

constexpr char kPi[] = R"(
  metadata { name: "pi" namespace: "default" }
  spec {
    template { spec { restartPolicy: "Never" containers { name: "pi" image: "perl" } } }
  })";

TEST_CASE("Job defaults") {
  JobStrategy strategy(testing::FakeHooks());
  Job job = Created(strategy, kPi);
  const auto& spec = job.spec();
  CHECK(spec.completions() == 1);
  CHECK(spec.parallelism() == 1);
  CHECK(spec.backofflimit() == 6);
  CHECK(spec.completionmode() == "NonIndexed");
  CHECK(spec.has_suspend());
  CHECK_FALSE(spec.suspend());
  CHECK(spec.has_manualselector());
  CHECK_FALSE(spec.manualselector());
  CHECK(spec.podreplacementpolicy() == "TerminatingOrFailed");
  CHECK(strategy.Validate(job).empty());

  SECTION("parallelism alone leaves completions unset") {
    Job work_queue = Parse<Job>(kPi);
    work_queue.mutable_spec()->set_parallelism(3);
    strategy.Default(work_queue);
    CHECK_FALSE(work_queue.spec().has_completions());
    CHECK(work_queue.spec().parallelism() == 3);
  }
}

TEST_CASE("Job selector generation") {
  JobStrategy strategy(testing::FakeHooks());
  Job job = Created(strategy, kPi);
  const auto& labels = job.spec().template_().metadata().labels();
  CHECK(labels.at("batch.kubernetes.io/controller-uid") == kUid);
  CHECK(labels.at("controller-uid") == kUid);
  CHECK(labels.at("batch.kubernetes.io/job-name") == "pi");
  CHECK(labels.at("job-name") == "pi");
  const auto& match = job.spec().selector().matchlabels();
  REQUIRE(match.size() == 1);
  CHECK(match.at("batch.kubernetes.io/controller-uid") == kUid);
  // A Job without labels takes its template's.
  CHECK(job.metadata().labels().at("job-name") == "pi");
  CHECK(job.metadata().labels().size() == 4);

  SECTION("user labels are kept, and conflicts fail validation") {
    Job conflicting = Parse<Job>(kPi);
    (*conflicting.mutable_spec()->mutable_template_()->mutable_metadata()->mutable_labels())
        ["job-name"] = "other";
    (*conflicting.mutable_metadata()->mutable_labels())["team"] = "a";
    conflicting.mutable_metadata()->set_uid(kUid);
    strategy.Default(conflicting);
    strategy.PrepareForCreate(conflicting);
    CHECK(conflicting.metadata().labels().size() == 1);
    api::FieldErrors errors = strategy.Validate(conflicting);
    INFO(Describe(errors));
    REQUIRE_FALSE(errors.empty());
    CHECK(errors[0].field == "spec.template.metadata.labels[job-name]");
    CHECK(errors[0].detail == "must be 'pi'");
  }
  SECTION("a selector of the user's own fails unless manualSelector") {
    Job manual = Parse<Job>(kPi);
    auto* spec = manual.mutable_spec();
    (*spec->mutable_selector()->mutable_matchlabels())["app"] = "pi";
    (*spec->mutable_template_()->mutable_metadata()->mutable_labels())["app"] = "pi";
    manual.mutable_metadata()->set_uid(kUid);
    Job generated = manual;
    strategy.Default(generated);
    strategy.PrepareForCreate(generated);
    api::FieldErrors errors = strategy.Validate(generated);
    INFO(Describe(errors));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].field == "spec.selector");
    CHECK(errors[0].detail == "`selector` not auto-generated");

    spec->set_manualselector(true);
    strategy.Default(manual);
    strategy.PrepareForCreate(manual);
    CHECK(manual.spec().selector().matchlabels().size() == 1);
    CHECK(manual.spec().template_().metadata().labels().size() == 1);
    CHECK(strategy.Validate(manual).empty());
  }
}

TEST_CASE("Job validation") {
  JobStrategy strategy(testing::FakeHooks());
  Job job = Created(strategy, kPi);
  auto* spec = job.mutable_spec();

  SECTION("restartPolicy defaulted to Always") {
    spec->mutable_template_()->mutable_spec()->set_restartpolicy("Always");
    CHECK(HasError(strategy.Validate(job),
                   "spec.template.spec.restartPolicy: Required value: valid values: "
                   "\"OnFailure\", \"Never\""));
  }
  SECTION("unknown restartPolicy") {
    spec->mutable_template_()->mutable_spec()->set_restartpolicy("Sometimes");
    CHECK(HasError(strategy.Validate(job),
                   "spec.template.spec.restartPolicy: Unsupported value: \"Sometimes\": "
                   "supported values: \"OnFailure\", \"Never\""));
  }
  SECTION("negative counts") {
    spec->set_parallelism(-1);
    spec->set_backofflimit(-2);
    api::FieldErrors errors = strategy.Validate(job);
    CHECK(HasError(errors, "spec.parallelism: Invalid value: -1: must be greater than or equal to 0"));
    CHECK(HasError(errors, "spec.backoffLimit: Invalid value: -2: must be greater than or equal to 0"));
  }
  SECTION("completion mode") {
    spec->set_completionmode("Sorted");
    CHECK(HasError(strategy.Validate(job),
                   "spec.completionMode: Unsupported value: \"Sorted\": supported values: "
                   "\"NonIndexed\", \"Indexed\""));
    spec->set_completionmode("Indexed");
    spec->clear_completions();
    CHECK(HasError(strategy.Validate(job),
                   "spec.completions: Required value: when completion mode is Indexed"));
  }
  SECTION("backoffLimitPerIndex needs Indexed") {
    spec->set_backofflimitperindex(1);
    CHECK(HasError(strategy.Validate(job),
                   "spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode"));
  }
  SECTION("pod failure policy") {
    auto* rule = spec->mutable_podfailurepolicy()->add_rules();
    rule->set_action("Explode");
    api::FieldErrors errors = strategy.Validate(job);
    INFO(Describe(errors));
    CHECK(HasError(errors,
                   "spec.podFailurePolicy.rules[0].action: Unsupported value: \"Explode\": "
                   "supported values: \"Count\", \"FailIndex\", \"FailJob\", \"Ignore\""));
    CHECK(HasError(errors,
                   "spec.podFailurePolicy.rules[0]: Invalid value: specifying one of OnExitCodes "
                   "and OnPodConditions is required"));
    CHECK(HasError(errors,
                   "spec.podReplacementPolicy: Unsupported value: \"TerminatingOrFailed\": "
                   "supported values: \"Failed\""));
  }
  SECTION("the pod template goes through the hooks") {
    spec->mutable_template_()->mutable_spec()->clear_containers();
    CHECK(HasError(strategy.Validate(job), "spec.template.spec.containers: Required value"));
  }
}

TEST_CASE("Job immutability on update") {
  JobStrategy strategy(testing::FakeHooks());
  Job old = Created(strategy, kPi);
  Job updated = old;
  updated.mutable_spec()->set_parallelism(4);
  updated.mutable_spec()->set_suspend(true);
  updated.mutable_spec()->set_activedeadlineseconds(100);
  CHECK(strategy.ValidateUpdate(updated, old).empty());

  SECTION("template") {
    updated.mutable_spec()->mutable_template_()->mutable_spec()->mutable_containers(0)->set_image("perl:2");
    api::FieldErrors errors = strategy.ValidateUpdate(updated, old);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].ToString() ==
          "spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable");
  }
  SECTION("selector") {
    (*updated.mutable_spec()->mutable_selector()->mutable_matchlabels())["x"] = "y";
    api::FieldErrors errors = strategy.ValidateUpdate(updated, old);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].field == "spec.selector");
    CHECK(errors[0].detail == "field is immutable");
  }
  SECTION("completions") {
    updated.mutable_spec()->set_completions(5);
    CHECK(HasError(strategy.ValidateUpdate(updated, old),
                   "spec.completions: Invalid value: 5: field is immutable"));
  }
  SECTION("scheduling directives of a suspended Job that never started") {
    old.mutable_spec()->set_suspend(true);
    updated = old;
    auto* pod = updated.mutable_spec()->mutable_template_()->mutable_spec();
    (*pod->mutable_nodeselector())["zone"] = "a";
    pod->add_tolerations()->set_key("gpu");
    (*updated.mutable_spec()->mutable_template_()->mutable_metadata()->mutable_annotations())["a"] = "b";
    CHECK(strategy.ValidateUpdate(updated, old).empty());
    old.mutable_status()->mutable_starttime();
    CHECK(strategy.ValidateUpdate(updated, old).size() == 1);
  }
}

TEST_CASE("Job status validation and selectable fields") {
  JobStrategy strategy(testing::FakeHooks());
  Job old = Created(strategy, kPi);
  old.mutable_status()->set_succeeded(2);
  old.mutable_status()->set_failed(1);
  Job updated = old;
  updated.mutable_status()->set_failed(0);
  updated.mutable_status()->set_active(1);
  updated.mutable_status()->set_ready(2);
  api::FieldErrors errors = strategy.ValidateStatusUpdate(updated, old);
  INFO(Describe(errors));
  CHECK(HasError(errors, "status.failed: Invalid value: 0: cannot decrease the failed counter"));
  CHECK(HasError(errors, "status.ready: Invalid value: 2: cannot set more ready pods than active"));

  CHECK(strategy.SelectableField(old, "status.successful") == "2");
  CHECK_FALSE(strategy.SelectableField(old, "status.failed").has_value());
}

}  // namespace
}  // namespace kube::apiserver
