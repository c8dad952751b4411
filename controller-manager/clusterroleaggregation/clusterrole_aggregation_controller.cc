#include "controller-manager/clusterroleaggregation/clusterrole_aggregation_controller.h"

#include "apiserver/authorization/rbac/aggregation.h"
#include "common/log/log.h"

namespace kube::kcm::clusterroleaggregation {
namespace {

using k8s::rbac::v1::ClusterRole;

// Upstream runs this many workers and has no flag for it.
constexpr int kWorkers = 5;

}  // namespace

ClusterRoleAggregationController::ClusterRoleAggregationController(ControllerContext& context)
    : client_(context.client),
      roles_(context.informers.For<ClusterRole>()),
      controller_(
          [this] {
            client::ControllerOptions o;
            o.name = "ClusterRoleAggregator";
            o.cache_synced = {[this] { return roles_.HasSynced(); }};
            return o;
          }(),
          [this](const std::string& key) { return Sync(key); }) {
  roles_.AddEventHandler({
      .on_add = [this](const auto&) { EnqueueAggregated(); },
      .on_update = [this](const auto&, const auto&) { EnqueueAggregated(); },
      .on_delete = [this](const auto&) { EnqueueAggregated(); },
  });
}

absl::Status ClusterRoleAggregationController::Run() { return controller_.Run(kWorkers); }

void ClusterRoleAggregationController::EnqueueAggregated() {
  for (const auto& role : roles_.lister().List()) {
    if (role->has_aggregationrule()) controller_.Enqueue(client::ObjectKey(*role));
  }
}

absl::Status ClusterRoleAggregationController::Sync(const std::string& key) {
  const std::string name = client::SplitObjectKey(key).second;  // cluster-scoped
  std::shared_ptr<const ClusterRole> role = roles_.lister().Get("", name);
  if (role == nullptr || !role->has_aggregationrule()) return absl::OkStatus();
  absl::StatusOr<std::vector<k8s::rbac::v1::PolicyRule>> rules =
      apiserver::rbac::AggregatedRules(*role, roles_.lister().List());
  if (!rules.ok()) return rules.status();
  if (apiserver::rbac::RulesEqual(role->rules(), *rules)) return absl::OkStatus();

  ClusterRole updated = *role;  // the cache's copy stays untouched
  updated.mutable_rules()->Assign(rules->begin(), rules->end());
  absl::StatusOr<std::unique_ptr<ClusterRole>> written = client_.Update(updated);
  if (absl::IsAborted(written.status())) {
    // Conflict: the cache is behind the server (often our own last write). The
    // newer role's watch event queues every aggregated role again.
    VLOG(2) << "clusterrole-aggregation: " << name << " changed meanwhile; waiting for it";
    return absl::OkStatus();
  }
  if (written.ok()) {
    VLOG(2) << "clusterrole-aggregation: " << name << " now holds " << rules->size() << " rules";
  }
  return written.status();
}

}  // namespace kube::kcm::clusterroleaggregation
