#include "scheduler/app/flags.h"

#include <fstream>
#include <sstream>

#include "common/util/strings.h"
#include "scheduler/app/config_file.h"

namespace kube::scheduler::app {
namespace {

template <typename T>
void Override(const T& from_flag, const T& default_value, T& target) {
  if (!(from_flag == default_value)) target = from_flag;
}

}  // namespace

void AddFlags(flags::FlagSet& flags, Options& o) {
  flags.String("kubeconfig", &o.kubeconfig,
               "Path to a kubeconfig; a grpc:// server uses the gRPC API, http(s):// REST.");
  flags.String("config", &o.config_file,
               "Path to a KubeSchedulerConfiguration file (plugin weights, profile, leader "
               "election). Flags given explicitly override it.");
  client::AddLeaderElectionFlags(flags, o.leader_election, "schedules at a time");
  flags.String("scheduler-name", &o.profile.scheduler_name,
               "Schedule only pods whose spec.schedulerName is this; others are left alone.");
  health::AddSecureServingFlags(flags, o.serving);
  flags.Int("percentage-of-nodes-to-score", &o.percentage_of_nodes_to_score,
            "Share of nodes to find feasible before scoring; 0 is upstream's adaptive default.");
  flags.Int("parallelism", &o.parallelism, "Threads filtering and scoring nodes for one pod.");
  flags.Int("api-workers", &o.api_workers,
            "Threads making binding and status calls, so that many are in flight at once.");
}

absl::StatusOr<Options> FinishOptions(const Options& f) {
  const Options d = DefaultOptions();
  Options o = d;
  if (!f.config_file.empty()) {
    std::ifstream in(f.config_file);
    if (!in) return absl::InvalidArgumentError(StrCat("cannot read --config ", f.config_file));
    std::stringstream text;
    text << in.rdbuf();
    if (absl::Status status = ApplyConfigFile(text.str(), o); !status.ok()) {
      return absl::InvalidArgumentError(StrCat(f.config_file, ": ", status.message()));
    }
    o.config_file = f.config_file;
  }
  Override(f.kubeconfig, d.kubeconfig, o.kubeconfig);
  Override(f.leader_election.leader_elect, d.leader_election.leader_elect, o.leader_election.leader_elect);
  Override(f.leader_election.lease_duration, d.leader_election.lease_duration, o.leader_election.lease_duration);
  Override(f.leader_election.renew_deadline, d.leader_election.renew_deadline, o.leader_election.renew_deadline);
  Override(f.leader_election.retry_period, d.leader_election.retry_period, o.leader_election.retry_period);
  Override(f.leader_election.lease_name, d.leader_election.lease_name, o.leader_election.lease_name);
  Override(f.leader_election.lease_namespace, d.leader_election.lease_namespace, o.leader_election.lease_namespace);
  Override(f.profile.scheduler_name, d.profile.scheduler_name, o.profile.scheduler_name);
  o.serving = f.serving;  // --config has no serving settings (nor has upstream's v1)
  Override(f.percentage_of_nodes_to_score, d.percentage_of_nodes_to_score,
           o.percentage_of_nodes_to_score);
  Override(f.parallelism, d.parallelism, o.parallelism);
  Override(f.api_workers, d.api_workers, o.api_workers);

  if (absl::Status serving = health::ValidateSecureServing(o.serving); !serving.ok()) {
    return serving;
  }
  if (o.parallelism < 1 || o.api_workers < 1) {
    return absl::InvalidArgumentError("--parallelism and --api-workers must be positive");
  }
  if (o.percentage_of_nodes_to_score < 0 || o.percentage_of_nodes_to_score > 100) {
    return absl::InvalidArgumentError("--percentage-of-nodes-to-score must be within 0..100");
  }
  if (o.profile.scheduler_name.empty()) {
    return absl::InvalidArgumentError("--scheduler-name must not be empty");
  }
  return o;
}

}  // namespace kube::scheduler::app
