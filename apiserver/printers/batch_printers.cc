// The Job and CronJob tables.

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "apiserver/printers/printer_util.h"
#include "apiserver/printers/printers.h"
#include "k8s/batch/v1/batch.pb.h"

namespace kube::apiserver {
namespace {

using namespace printer_internal;
using k8s::batch::v1::CronJob;
using k8s::batch::v1::Job;

constexpr char kSelectorDescription[] = "A label query over pods that should match the pod count.";

// The status of the first condition of the type, true only if "True".
bool HasJobCondition(const Job& job, const std::string& type) {
  for (const auto& condition : job.status().conditions()) {
    if (condition.type() == type) return condition.status() == "True";
  }
  return false;
}

std::string JobStatus(const Job& job) {
  if (HasJobCondition(job, "Complete")) return "Complete";
  if (HasJobCondition(job, "Failed")) return "Failed";
  if (job.metadata().has_deletiontimestamp()) return "Terminating";
  if (HasJobCondition(job, "Suspended")) return "Suspended";
  if (HasJobCondition(job, "FailureTarget")) return "FailureTarget";
  return "Running";
}

// "1/3", or for a job without completions "0/1" ("0/1 of 4" when parallel).
std::string JobCompletions(const Job& job) {
  const auto& spec = job.spec();
  const int32_t succeeded = job.status().succeeded();
  if (spec.has_completions()) return absl::StrCat(succeeded, "/", spec.completions());
  const int32_t parallelism = spec.has_parallelism() ? spec.parallelism() : 0;
  if (parallelism > 1) return absl::StrCat(succeeded, "/1 of ", parallelism);
  return absl::StrCat(succeeded, "/1");
}

// Running time so far, or start to completion; "" before the job starts.
std::string JobDuration(const Job& job, absl::Time now) {
  const auto& status = job.status();
  if (!status.has_starttime()) return "";
  const absl::Time end = status.has_completiontime() ? ToAbslTime(status.completiontime()) : now;
  return HumanDuration(end - ToAbslTime(status.starttime()));
}

std::vector<TableCell> JobRow(const Job& job, absl::Time now) {
  const auto& spec = job.spec();
  auto [names, images] = ContainerCells(spec.template_().spec().containers());
  return {job.metadata().name(),
          JobStatus(job),
          JobCompletions(job),
          JobDuration(job, now),
          Age(job.metadata(), now),
          names,
          images,
          FormatLabelSelector(spec.has_selector() ? &spec.selector() : nullptr)};
}

std::vector<TableCell> CronJobRow(const CronJob& cron_job, absl::Time now) {
  const auto& spec = cron_job.spec();
  const auto& status = cron_job.status();
  const auto& job_spec = spec.jobtemplate().spec();
  auto [names, images] = ContainerCells(job_spec.template_().spec().containers());
  return {cron_job.metadata().name(),
          spec.schedule(),
          spec.has_timezone() ? spec.timezone() : "<none>",
          BoolPtrText(spec.has_suspend(), spec.suspend()),
          static_cast<int64_t>(status.active_size()),
          status.has_lastscheduletime() ? TimestampSince(status.lastscheduletime(), now) : "<none>",
          Age(cron_job.metadata(), now),
          names,
          images,
          FormatLabelSelector(job_spec.has_selector() ? &job_spec.selector() : nullptr)};
}

}  // namespace

std::unique_ptr<TablePrinter> NewJobPrinter() {
  return MakePrinter<Job>(
      {
          NameColumn(),
          Column("Status", "string", "Status of the job."),
          Column("Completions", "string", "The number of pods which reached phase Succeeded."),
          Column("Duration", "string", "Time required to complete the job."),
          AgeColumn(),
          Column("Containers", "string", kContainersDescription, 1),
          Column("Images", "string", kImagesDescription, 1),
          Column("Selector", "string", kSelectorDescription, 1),
      },
      JobRow);
}

std::unique_ptr<TablePrinter> NewCronJobPrinter() {
  return MakePrinter<CronJob>(
      {
          NameColumn(),
          Column("Schedule", "string", "The schedule in Cron format."),
          Column("Timezone", "string", "The time zone name for the given schedule."),
          Column("Suspend", "boolean", "Whether subsequent executions are suspended."),
          Column("Active", "integer", "The number of currently running jobs."),
          Column("Last Schedule", "string", "When the job was last successfully scheduled."),
          AgeColumn(),
          Column("Containers", "string", kContainersDescription, 1),
          Column("Images", "string", kImagesDescription, 1),
          Column("Selector", "string", kSelectorDescription, 1),
      },
      CronJobRow);
}

}  // namespace kube::apiserver
