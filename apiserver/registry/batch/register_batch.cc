#include "apiserver/registry/batch/register_batch.h"

#include "apiserver/registry/batch/cronjob_strategy.h"
#include "apiserver/registry/batch/job_strategy.h"
#include "k8s/batch/v1/batch.pb.h"

namespace kube::apiserver {

void RegisterBatchResources(ResourceRegistry& registry, const RegistryConfig& config,
                            const PodTemplateHooks& hooks) {
  ResourceInfo jobs;
  jobs.group = "batch";
  jobs.version = "v1";
  jobs.kind = "Job";
  jobs.resource = "jobs";
  jobs.singular = "job";
  jobs.categories = {"all"};
  jobs.prototype = &k8s::batch::v1::Job::default_instance();
  jobs.list_prototype = &k8s::batch::v1::JobList::default_instance();
  jobs.subresources.status = true;
  jobs.strategy = std::make_unique<JobStrategy>(hooks);
  registry.Add(std::move(jobs));

  ResourceInfo cron_jobs;
  cron_jobs.group = "batch";
  cron_jobs.version = "v1";
  cron_jobs.kind = "CronJob";
  cron_jobs.resource = "cronjobs";
  cron_jobs.singular = "cronjob";
  cron_jobs.short_names = {"cj"};
  cron_jobs.categories = {"all"};
  cron_jobs.prototype = &k8s::batch::v1::CronJob::default_instance();
  cron_jobs.list_prototype = &k8s::batch::v1::CronJobList::default_instance();
  cron_jobs.subresources.status = true;
  cron_jobs.strategy = std::make_unique<CronJobStrategy>(hooks);
  registry.Add(std::move(cron_jobs));
}

}  // namespace kube::apiserver
