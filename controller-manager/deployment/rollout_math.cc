#include "controller-manager/deployment/rollout_math.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "common/util/strings.h"

namespace kube::kcm::deployment {

absl::StatusOr<int32_t> ScaledValue(const k8s::util::intstr::IntOrString* value, int32_t total,
                                    bool round_up, int32_t default_value) {
  if (value == nullptr) return default_value;
  if (value->type() != 1) return value->intval();
  const std::string& text = value->strval();
  if (text.empty() || text.back() != '%') {
    return absl::InvalidArgumentError(StrCat("invalid value for IntOrString: \"", text, "\""));
  }
  int percent = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size() - 1, percent);
  if (error != std::errc() || end != text.data() + text.size() - 1) {
    return absl::InvalidArgumentError(StrCat("invalid percentage: \"", text, "\""));
  }
  const double scaled = static_cast<double>(percent) * total / 100.0;
  return static_cast<int32_t>(round_up ? std::ceil(scaled) : std::floor(scaled));
}

absl::StatusOr<Fenceposts> ResolveFenceposts(const k8s::util::intstr::IntOrString* max_surge,
                                             const k8s::util::intstr::IntOrString* max_unavailable,
                                             int32_t replicas) {
  // Upstream's defaults, should the server not have filled them in: 25% each.
  k8s::util::intstr::IntOrString quarter;
  quarter.set_type(1);
  quarter.set_strval("25%");
  absl::StatusOr<int32_t> surge =
      ScaledValue(max_surge != nullptr ? max_surge : &quarter, replicas, true, 0);
  if (!surge.ok()) return surge.status();
  absl::StatusOr<int32_t> unavailable =
      ScaledValue(max_unavailable != nullptr ? max_unavailable : &quarter, replicas, false, 0);
  if (!unavailable.ok()) return unavailable.status();
  Fenceposts f{std::max(0, *surge), std::max(0, *unavailable)};
  if (f.surge == 0 && f.unavailable == 0) f.unavailable = 1;
  return f;
}

int32_t NewReplicaSetTarget(const ReplicaCounts& new_rs, const std::vector<ReplicaCounts>& all,
                            int32_t desired, const Fenceposts& fenceposts) {
  if (new_rs.spec_replicas >= desired) return desired;
  int32_t total = 0;
  for (const ReplicaCounts& rs : all) total += rs.spec_replicas;
  const int32_t max_total = desired + fenceposts.surge;
  if (total >= max_total) return new_rs.spec_replicas;
  return new_rs.spec_replicas + std::min(max_total - total, desired - new_rs.spec_replicas);
}

std::vector<int32_t> OldReplicaSetTargets(const std::vector<ReplicaCounts>& old_sets,
                                          const ReplicaCounts& new_rs, int32_t desired,
                                          const Fenceposts& fenceposts) {
  std::vector<int32_t> targets;
  int32_t all = new_rs.spec_replicas;
  int32_t available = new_rs.available;
  for (const ReplicaCounts& rs : old_sets) {
    targets.push_back(rs.spec_replicas);
    all += rs.spec_replicas;
    available += std::min(rs.available, rs.spec_replicas);
  }
  const int32_t min_available = desired - fenceposts.unavailable;
  const int32_t new_unavailable = std::max(0, new_rs.spec_replicas - new_rs.available);
  // Pods that may go without dropping below min_available once the new ones are up.
  int32_t budget = all - min_available - new_unavailable;
  if (budget <= 0) return targets;
  // First the old pods that are not available anyway.
  for (size_t i = 0; i < old_sets.size() && budget > 0; ++i) {
    const int32_t unhealthy = std::max(0, targets[i] - old_sets[i].available);
    const int32_t down = std::min(unhealthy, budget);
    targets[i] -= down;
    budget -= down;
  }
  // Then available ones, as long as enough stay available.
  int32_t spare = std::min(budget, available - min_available);
  for (size_t i = 0; i < old_sets.size() && spare > 0; ++i) {
    const int32_t down = std::min(targets[i], spare);
    targets[i] -= down;
    spare -= down;
  }
  return targets;
}

}  // namespace kube::kcm::deployment
