#include "apiserver/registry/batch/cronjob_strategy.h"

#include <strings.h>

#include <regex>

#include "apiserver/registry/apps/field_checks.h"
#include "apiserver/registry/apps/go_format.h"
#include "apiserver/validation/object_meta_validation.h"
#include "apiserver/registry/apps/controller_template.h"
#include "apiserver/registry/batch/cron_schedule.h"
#include "apiserver/registry/batch/job_spec_validation.h"
#include "k8s/batch/v1/batch.pb.h"

namespace kube::apiserver {
namespace {

using k8s::batch::v1::CronJob;

// Jobs are named <cronjob>-<11 characters>, and must fit a 63-character label.
constexpr size_t kMaxCronJobNameLength = 63 - 11;

void CheckSchedule(const k8s::batch::v1::CronJobSpec& spec, api::FieldErrors& errors) {
  const std::string& schedule = spec.schedule();
  if (schedule.empty()) {
    errors.push_back(api::Required("spec.schedule"));
    return;
  }
  absl::StatusOr<CronSchedule> parsed = ParseStandardSchedule(schedule);
  if (!parsed.ok()) {
    errors.push_back(
        api::Invalid("spec.schedule", schedule, std::string(parsed.status().message())));
  }
  if (schedule.find("TZ") != std::string::npos) {
    errors.push_back(api::Invalid("spec.schedule", schedule,
                                  "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"));
  }
}

void CheckTimeZone(const k8s::batch::v1::CronJobSpec& spec, api::FieldErrors& errors) {
  if (!spec.has_timezone()) return;
  const std::string& zone = spec.timezone();
  const std::string path = "spec.timeZone";
  if (zone.empty()) {
    errors.push_back(api::Invalid(path, zone, "timeZone must be nil or non-empty string"));
    return;
  }
  static const std::regex kPart(R"(^[A-Za-z.\-_0-9+]{1,14}$)");
  size_t start = 0;
  while (true) {
    size_t end = zone.find('/', start);
    std::string part = zone.substr(start, end == std::string::npos ? end : end - start);
    if (part == "." || part == ".." || (!part.empty() && part[0] == '-') ||
        !std::regex_match(part, kPart)) {
      errors.push_back(api::Invalid(path, zone, "unknown time zone " + zone));
      return;
    }
    if (end == std::string::npos) break;
    start = end + 1;
  }
  if (zone.size() == 5 && strncasecmp(zone.c_str(), "local", 5) == 0) {
    errors.push_back(api::Invalid(
        path, zone, "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"));
  }
  if (!IsKnownTimeZone(zone)) errors.push_back(api::Invalid(path, zone, "unknown time zone " + zone));
}

void CheckConcurrencyPolicy(const std::string& policy, api::FieldErrors& errors) {
  if (policy == "Allow" || policy == "Forbid" || policy == "Replace") return;
  if (policy.empty()) {
    errors.push_back(api::Required("spec.concurrencyPolicy"));
  } else {
    errors.push_back(
        api::NotSupported("spec.concurrencyPolicy", policy, {"Allow", "Forbid", "Replace"}));
  }
}

}  // namespace

void CronJobStrategy::Default(google::protobuf::Message& object) const {
  auto& spec = *static_cast<CronJob&>(object).mutable_spec();
  if (spec.concurrencypolicy().empty()) spec.set_concurrencypolicy("Allow");
  if (!spec.has_suspend()) spec.set_suspend(false);
  if (!spec.has_successfuljobshistorylimit()) spec.set_successfuljobshistorylimit(3);
  if (!spec.has_failedjobshistorylimit()) spec.set_failedjobshistorylimit(1);
  hooks_.Default(*spec.mutable_jobtemplate()->mutable_spec()->mutable_template_());
}

api::FieldErrors CronJobStrategy::Validate(const google::protobuf::Message& object) const {
  const auto& cron_job = static_cast<const CronJob&>(object);
  const auto& spec = cron_job.spec();
  api::FieldErrors errors;
  CheckSchedule(spec, errors);
  if (spec.has_startingdeadlineseconds()) {
    CheckNonnegative(spec.startingdeadlineseconds(), "spec.startingDeadlineSeconds", errors);
  }
  CheckTimeZone(spec, errors);
  CheckConcurrencyPolicy(spec.concurrencypolicy(), errors);

  const auto& job_template = spec.jobtemplate();
  Append(errors, ValidateLabels(job_template.metadata().labels(), "spec.jobTemplate.metadata.labels"));
  CheckJobSpec(job_template.spec(), "spec.jobTemplate.spec", hooks_, errors);
  if (job_template.spec().has_selector()) {
    errors.push_back(InvalidRendered("spec.jobTemplate.spec.selector",
                                     GoLabelSelector(&job_template.spec().selector()),
                                     "`selector` will be auto-generated"));
  }
  if (job_template.spec().manualselector()) {
    errors.push_back(NotSupportedRendered("spec.jobTemplate.spec.manualSelector", "true",
                                          {"nil", "false"}));
  }
  if (spec.has_successfuljobshistorylimit()) {
    CheckNonnegative(spec.successfuljobshistorylimit(), "spec.successfulJobsHistoryLimit", errors);
  }
  if (spec.has_failedjobshistorylimit()) {
    CheckNonnegative(spec.failedjobshistorylimit(), "spec.failedJobsHistoryLimit", errors);
  }
  // Upstream checks this on create only; a name cannot change, so it holds on update too.
  if (cron_job.metadata().name().size() > kMaxCronJobNameLength) {
    errors.push_back(api::Invalid("metadata.name", cron_job.metadata().name(),
                                  "must be no more than 52 characters"));
  }
  return errors;
}

}  // namespace kube::apiserver
