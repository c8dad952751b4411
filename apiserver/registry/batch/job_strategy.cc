#include "apiserver/registry/batch/job_strategy.h"

#include <climits>

#include "apiserver/registry/apps/controller_template.h"
#include "apiserver/registry/apps/field_checks.h"
#include "apiserver/registry/apps/go_format.h"
#include "apiserver/registry/apps/label_selector_validation.h"
#include "apiserver/registry/batch/job_selector.h"
#include "apiserver/registry/batch/job_spec_validation.h"
#include "common/util/strings.h"
#include "common/validation/names.h"
#include "k8s/batch/v1/batch.pb.h"

namespace kube::apiserver {
namespace {

using k8s::batch::v1::Job;

// upstream copies the template's labels to a Job that has none.
void DefaultJobLabels(Job& job) {
  const auto& template_labels = job.spec().template_().metadata().labels();
  if (!template_labels.empty() && job.metadata().labels().empty()) {
    *job.mutable_metadata()->mutable_labels() = template_labels;
  }
}

bool ConditionTrue(const k8s::batch::v1::JobStatus& status, std::string_view type) {
  for (const auto& condition : status.conditions()) {
    if (condition.type() == type && condition.status() == "True") return true;
  }
  return false;
}

std::string OptionalInt(bool has, int64_t value) { return has ? std::to_string(value) : "null"; }

// The template must not change, except the scheduling directives of a suspended
// Job that never started (upstream's AllowMutableSchedulingDirectives).
void CheckTemplateUpdate(const Job& job, const Job& old, api::FieldErrors& errors) {
  k8s::core::v1::PodTemplateSpec old_template = old.spec().template_();
  const auto& now = job.spec().template_();
  const bool mutable_scheduling = old.spec().suspend() && !old.status().has_starttime();
  if (mutable_scheduling) {
    auto& old_pod = *old_template.mutable_spec();
    const auto& pod = now.spec();
    if (!pod.has_affinity() && old_pod.has_affinity()) {
      old_pod.mutable_affinity()->clear_nodeaffinity();
      if (old_pod.affinity().ByteSizeLong() == 0) old_pod.clear_affinity();
    } else if (pod.has_affinity()) {
      if (pod.affinity().has_nodeaffinity()) {
        *old_pod.mutable_affinity()->mutable_nodeaffinity() = pod.affinity().nodeaffinity();
      } else {
        old_pod.mutable_affinity()->clear_nodeaffinity();
      }
    }
    *old_pod.mutable_nodeselector() = pod.nodeselector();
    *old_pod.mutable_tolerations() = pod.tolerations();
    *old_pod.mutable_schedulinggates() = pod.schedulinggates();
    *old_template.mutable_metadata()->mutable_annotations() = now.metadata().annotations();
    *old_template.mutable_metadata()->mutable_labels() = now.metadata().labels();
  }
  // Upstream prints the whole internal PodTemplateSpec here.
  CheckImmutable(SameMessage(now, old_template), "spec.template", "core.PodTemplateSpec{...}",
                 errors);
}

}  // namespace

void JobStrategy::Default(google::protobuf::Message& object) const {
  auto& job = static_cast<Job&>(object);
  auto& spec = *job.mutable_spec();
  if (!spec.has_completions() && !spec.has_parallelism()) {
    spec.set_completions(1);
    spec.set_parallelism(1);
  }
  if (!spec.has_parallelism()) spec.set_parallelism(1);
  if (!spec.has_backofflimit()) {
    spec.set_backofflimit(spec.has_backofflimitperindex() ? INT32_MAX : 6);
  }
  if (!spec.has_completionmode()) spec.set_completionmode("NonIndexed");
  if (!spec.has_suspend()) spec.set_suspend(false);
  if (!spec.has_manualselector()) spec.set_manualselector(false);
  if (!spec.has_podreplacementpolicy()) {
    spec.set_podreplacementpolicy(spec.has_podfailurepolicy() ? "Failed" : "TerminatingOrFailed");
  }
  if (spec.has_podfailurepolicy()) {
    for (auto& rule : *spec.mutable_podfailurepolicy()->mutable_rules()) {
      for (auto& pattern : *rule.mutable_onpodconditions()) {
        if (pattern.status().empty()) pattern.set_status("True");
      }
    }
  }
  hooks_.Default(*spec.mutable_template_());
  DefaultJobLabels(job);
}

void JobStrategy::PrepareForCreate(google::protobuf::Message& object) const {
  Strategy::PrepareForCreate(object);
  auto& job = static_cast<Job&>(object);
  GenerateJobSelector(job);
  // Upstream's read-back of the created object defaults again, which copies the
  // generated labels to a Job that had none; we store them right away.
  DefaultJobLabels(job);
}

api::FieldErrors JobStrategy::Validate(const google::protobuf::Message& object) const {
  const auto& job = static_cast<const Job&>(object);
  const auto& spec = job.spec();
  api::FieldErrors errors = ValidateGeneratedSelector(job);
  CheckJobSpec(spec, "spec", hooks_, errors);
  const auto* selector = spec.has_selector() ? &spec.selector() : nullptr;
  if (selector == nullptr) {
    errors.push_back(api::Required("spec.selector"));
  } else {
    Append(errors, ValidateLabelSelector(*selector, "spec.selector"));
  }
  // Whether generated or manual, the selector must select the Job's own pods.
  const auto& labels = spec.template_().metadata().labels();
  if (SelectorConverts(selector) && !SelectorMatches(selector, labels)) {
    errors.push_back(InvalidRendered("spec.template.metadata.labels", GoStringMap(labels),
                                     "`selector` does not match template `labels`"));
  }
  // Indexed pods are named <job>-<index>: the largest must be a DNS label.
  if (spec.completionmode() == "Indexed" && spec.completions() > 0) {
    std::string hostname = StrCat(job.metadata().name(), "-", spec.completions() - 1);
    if (!validation::IsDns1123Label(hostname).empty()) {
      errors.push_back(api::Invalid(
          "metadata.name", job.metadata().name(),
          StrCat("will not able to create pod with invalid DNS label: ", hostname)));
    }
  }
  return errors;
}

api::FieldErrors JobStrategy::ValidateUpdate(const google::protobuf::Message& object,
                                             const google::protobuf::Message& old) const {
  const auto& job = static_cast<const Job&>(object);
  const auto& old_job = static_cast<const Job&>(old);
  const auto& spec = job.spec();
  const auto& old_spec = old_job.spec();
  api::FieldErrors errors;

  const bool same_completions = spec.has_completions() == old_spec.has_completions() &&
                                spec.completions() == old_spec.completions();
  if (spec.completionmode() == "Indexed") {
    // Elastic Indexed Jobs scale completions and parallelism together.
    if (!same_completions && spec.has_completions() && spec.completions() != spec.parallelism()) {
      errors.push_back(api::InvalidNumber("spec.completions", spec.completions(),
                                          "can only be modified in tandem with spec.parallelism"));
    }
  } else {
    CheckImmutable(same_completions, "spec.completions",
                   OptionalInt(spec.has_completions(), spec.completions()), errors);
  }
  CheckImmutable(spec.has_selector() == old_spec.has_selector() &&
                     SameMessage(spec.selector(), old_spec.selector()),
                 "spec.selector", GoLabelSelector(spec.has_selector() ? &spec.selector() : nullptr),
                 errors);
  CheckTemplateUpdate(job, old_job, errors);
  CheckImmutable(spec.has_completionmode() == old_spec.has_completionmode() &&
                     spec.completionmode() == old_spec.completionmode(),
                 "spec.completionMode",
                 spec.has_completionmode() ? api::QuoteValue(spec.completionmode()) : "null",
                 errors);
  CheckImmutable(spec.has_podfailurepolicy() == old_spec.has_podfailurepolicy() &&
                     SameMessage(spec.podfailurepolicy(), old_spec.podfailurepolicy()),
                 "spec.podFailurePolicy", "batch.PodFailurePolicy{...}", errors);
  CheckImmutable(spec.has_backofflimitperindex() == old_spec.has_backofflimitperindex() &&
                     spec.backofflimitperindex() == old_spec.backofflimitperindex(),
                 "spec.backoffLimitPerIndex",
                 OptionalInt(spec.has_backofflimitperindex(), spec.backofflimitperindex()), errors);
  CheckImmutable(spec.has_managedby() == old_spec.has_managedby() &&
                     spec.managedby() == old_spec.managedby(),
                 "spec.managedBy", spec.has_managedby() ? api::QuoteValue(spec.managedby()) : "null",
                 errors);
  CheckImmutable(spec.has_successpolicy() == old_spec.has_successpolicy() &&
                     SameMessage(spec.successpolicy(), old_spec.successpolicy()),
                 "spec.successPolicy", "batch.SuccessPolicy{...}", errors);
  return errors;
}

api::FieldErrors JobStrategy::ValidateStatusUpdate(const google::protobuf::Message& object,
                                                   const google::protobuf::Message& old) const {
  const auto& job = static_cast<const Job&>(object);
  const auto& status = job.status();
  const auto& old_status = static_cast<const Job&>(old).status();
  api::FieldErrors errors;
  CheckNonnegative(status.active(), "status.active", errors);
  CheckNonnegative(status.succeeded(), "status.succeeded", errors);
  CheckNonnegative(status.failed(), "status.failed", errors);
  if (status.has_ready()) CheckNonnegative(status.ready(), "status.ready", errors);
  if (status.has_terminating()) CheckNonnegative(status.terminating(), "status.terminating", errors);

  const bool finished = ConditionTrue(status, "Complete") || ConditionTrue(status, "Failed");
  if (finished && status.active() > 0) {
    errors.push_back(api::InvalidNumber("status.active", status.active(),
                                        "active>0 is invalid for finished job"));
  }
  if (status.has_ready() && status.ready() > status.active()) {
    errors.push_back(api::InvalidNumber("status.ready", status.ready(),
                                        "cannot set more ready pods than active"));
  }
  for (const char* type : {"Failed", "Complete", "FailureTarget"}) {
    if (ConditionTrue(old_status, type) && !ConditionTrue(status, type)) {
      errors.push_back({api::FieldError::Type::kInvalid, "status.conditions", "",
                        StrCat("cannot disable the terminal ", type, "=True condition")});
    }
  }
  if (status.failed() < old_status.failed()) {
    errors.push_back(api::InvalidNumber("status.failed", status.failed(),
                                        "cannot decrease the failed counter"));
  }
  // Elastic Indexed Jobs (completions == parallelism) may scale down.
  const auto& spec = job.spec();
  const bool elastic = spec.completionmode() == "Indexed" &&
                       spec.has_completions() == spec.has_parallelism() &&
                       spec.completions() == spec.parallelism();
  if (!elastic && status.succeeded() < old_status.succeeded()) {
    errors.push_back(api::InvalidNumber("status.succeeded", status.succeeded(),
                                        "cannot decrease the succeeded counter"));
  }
  return errors;
}

std::optional<std::string> JobStrategy::SelectableField(const google::protobuf::Message& object,
                                                        std::string_view field) const {
  if (field != "status.successful") return std::nullopt;
  return std::to_string(static_cast<const Job&>(object).status().succeeded());
}

}  // namespace kube::apiserver
