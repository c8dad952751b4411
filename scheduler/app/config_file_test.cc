#include "scheduler/app/config_file.h"

#include <catch2/catch.hpp>

namespace kube::scheduler::app {
namespace {

int64_t WeightOf(const Options& options, const std::string& name) {
  for (const auto& score : options.profile.scores) {
    if (score.name == name) return score.weight;
  }
  return -1;
}

TEST_CASE("A KubeSchedulerConfiguration sets weights, plugins and leader election", "[app]") {
  Options options = DefaultOptions();
  absl::Status status = ApplyConfigFile(R"(
apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
clientConnection:
  kubeconfig: /etc/kube/scheduler.kubeconfig
leaderElection:
  leaderElect: false
  leaseDuration: 30s
  resourceName: my-scheduler
percentageOfNodesToScore: 20
parallelism: 4
profiles:
- schedulerName: my-scheduler
  plugins:
    filter:
      disabled:
      - name: NodePorts
    score:
      enabled:
      - name: NodeResourcesBalancedAllocation
        weight: 5
      disabled:
      - name: SelectorSpread
)", options);
  REQUIRE(status.ok());
  CHECK(options.kubeconfig == "/etc/kube/scheduler.kubeconfig");
  CHECK_FALSE(options.leader_election.leader_elect);
  CHECK(options.leader_election.lease_duration == absl::Seconds(30));
  CHECK(options.leader_election.lease_name == "my-scheduler");
  CHECK(options.percentage_of_nodes_to_score == 20);
  CHECK(options.parallelism == 4);
  CHECK(options.profile.scheduler_name == "my-scheduler");
  CHECK(std::find(options.profile.filters.begin(), options.profile.filters.end(), "NodePorts") ==
        options.profile.filters.end());
  CHECK(options.profile.filters.size() == 5);
  CHECK(WeightOf(options, "NodeResourcesBalancedAllocation") == 5);
  CHECK(WeightOf(options, "TaintToleration") == 3);
  CHECK(WeightOf(options, "SelectorSpread") == -1);
}

TEST_CASE("Disabling every score plugin and enabling one", "[app]") {
  Options options = DefaultOptions();
  REQUIRE(ApplyConfigFile(R"({"profiles":[{"plugins":{"score":{"disabled":[{"name":"*"}],
      "enabled":[{"name":"NodeResourcesFit","weight":2}]}}}]})", options).ok());
  REQUIRE(options.profile.scores.size() == 1);
  CHECK(options.profile.scores[0].name == "NodeResourcesFit");
  CHECK(options.profile.scores[0].weight == 2);
}

TEST_CASE("Bad configurations are rejected", "[app]") {
  Options options = DefaultOptions();
  CHECK_FALSE(ApplyConfigFile("kind: Pod", options).ok());
  CHECK_FALSE(ApplyConfigFile("parallelism: many", options).ok());
  CHECK_FALSE(ApplyConfigFile("profiles: [{}, {}]", options).ok());
  CHECK_FALSE(ApplyConfigFile("percentageOfNodesToScore: 101", options).ok());
  CHECK_FALSE(ApplyConfigFile("{", options).ok());
}

}  // namespace
}  // namespace kube::scheduler::app
