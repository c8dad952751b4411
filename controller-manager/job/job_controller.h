#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/client/controller.h"
#include "common/client/typed_informer.h"
#include "controller-manager/controller/context.h"
#include "controller-manager/controller/interface.h"
#include "controller-manager/replicaset/expectations.h"
#include "k8s/batch/v1/batch.pb.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::kcm::job {

// The "job" loop: runs a Job's pods to its completions (job_logic.h decides how
// many to keep), with the replica core's expectations so a burst is not doubled,
// and writes active/succeeded/failed, startTime, completionTime and the Complete
// or Failed condition (`kubectl wait --for=condition=complete`) through the status
// subresource. Finished pods stay, as upstream's do, so they count.
//
// Threads: job and pod informer threads enqueue job keys and note expectations;
// workers sync one job at a time.
class JobController : public ControllerInterface {
 public:
  explicit JobController(ControllerContext& context);

  absl::Status Run() override { return controller_.Run(workers_); }
  void Stop() override { controller_.Stop(); }
  std::vector<client::WorkQueueMetrics> QueueMetrics() override {
    return {controller_.queue().Metrics()};
  }

 private:
  using Job = k8s::batch::v1::Job;
  using Pod = k8s::core::v1::Pod;

  absl::Status Sync(const std::string& key);
  std::string JobKeyOf(const Pod& pod) const;

  const int workers_;
  const client::Client client_;
  events::EventRecorder& recorder_;
  client::Informer<Job> jobs_;
  client::Informer<Pod> pods_;
  replicaset::Expectations expectations_;  // thread-safe
  client::Controller controller_;
};

}  // namespace kube::kcm::job
