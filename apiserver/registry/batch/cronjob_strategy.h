#pragma once

#include "apiserver/registry/apps/pod_template_hooks.h"
#include "apiserver/registry/strategy.h"

namespace kube::apiserver {

// batch/v1 CronJob (upstream pkg/registry/batch/cronjob/strategy.go).
class CronJobStrategy : public Strategy {
 public:
  explicit CronJobStrategy(PodTemplateHooks hooks) : hooks_(std::move(hooks)) {}

  // concurrencyPolicy Allow, suspend false, successfulJobsHistoryLimit 3,
  // failedJobsHistoryLimit 1, and the pod defaults on the job's pod template.
  void Default(google::protobuf::Message& object) const override;
  // schedule (a valid cron line), timeZone, concurrencyPolicy, history limits,
  // the job template (no selector: it is generated per Job), and a name short
  // enough for the Jobs' "-<timestamp>" suffix.
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;

 private:
  const PodTemplateHooks hooks_;  // constant after construction
};

}  // namespace kube::apiserver
