#pragma once

#include <string>
#include <string_view>

#include "absl/time/time.h"
#include "common/client/leader_election.h"
#include "common/flags/flag_set.h"

namespace kube::client {

// The --leader-elect* settings every replicated control-plane daemon has
// (upstream's LeaderElectionConfiguration); defaults are upstream's.
struct LeaderElectionOptions {
  bool leader_elect = true;
  std::string lease_namespace = "kube-system";
  std::string lease_name;  // the daemon's name: "kube-scheduler"
  absl::Duration lease_duration = absl::Seconds(15);
  absl::Duration renew_deadline = absl::Seconds(10);
  absl::Duration retry_period = absl::Seconds(2);

  // The elector's config for these settings; the caller adds identity and callbacks.
  LeaderElectionConfig ToConfig() const;
};

// Registers --leader-elect, --leader-elect-lease-duration, -renew-deadline,
// -retry-period, -resource-name and -resource-namespace. `leader_does` completes
// "so that only one replica ..." in --leader-elect's help.
void AddLeaderElectionFlags(flags::FlagSet& flags, LeaderElectionOptions& options,
                            std::string_view leader_does);

}  // namespace kube::client
