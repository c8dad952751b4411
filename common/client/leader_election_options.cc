#include "common/client/leader_election_options.h"

#include "common/util/strings.h"

namespace kube::client {

LeaderElectionConfig LeaderElectionOptions::ToConfig() const {
  LeaderElectionConfig config;
  config.lease_namespace = lease_namespace;
  config.lease_name = lease_name;
  config.lease_duration = lease_duration;
  config.renew_deadline = renew_deadline;
  config.retry_period = retry_period;
  return config;
}

void AddLeaderElectionFlags(flags::FlagSet& flags, LeaderElectionOptions& options,
                            std::string_view leader_does) {
  flags.Bool("leader-elect", &options.leader_elect,
             StrCat("Run leader election on a Lease so that only one replica ", leader_does,
                    "."));
  flags.Duration("leader-elect-lease-duration", &options.lease_duration,
                 "How long a non-leader waits after the last renewal before taking over.");
  flags.Duration("leader-elect-renew-deadline", &options.renew_deadline,
                 "How long the leader retries renewing before it stops leading.");
  flags.Duration("leader-elect-retry-period", &options.retry_period,
                 "How long candidates wait between attempts to acquire or renew.");
  flags.String("leader-elect-resource-name", &options.lease_name, "Name of the Lease object.");
  flags.String("leader-elect-resource-namespace", &options.lease_namespace,
               "Namespace of the Lease object.");
}

}  // namespace kube::client
