#include "scheduler/plugins/selector_spread.h"

#include <algorithm>
#include <map>

#include "common/selectors/label_selector.h"
#include "common/util/strings.h"
#include "scheduler/plugins/names.h"

namespace kube::scheduler::plugins {
namespace {

constexpr char kSelectorSpreadStateKey[] = "PreScoreSelectorSpread";
constexpr double kZoneWeighting = 2.0 / 3.0;

struct SpreadState : framework::StateData {
  std::string ns;
  std::string controller_uid;                     // "" if the pod has none
  std::vector<selectors::LabelSelector> services;  // every one must match
  std::vector<std::string> zones;                  // per scored node, "" without a zone
};

// upstream's utilnode.GetZoneKey: region and zone, or "" when neither is set.
std::string ZoneKey(const k8s::core::v1::Node& node) {
  const auto& labels = node.metadata().labels();
  auto find = [&](const char* key, const char* legacy) -> std::string {
    if (auto it = labels.find(key); it != labels.end()) return it->second;
    if (auto it = labels.find(legacy); it != labels.end()) return it->second;
    return "";
  };
  std::string region = find("topology.kubernetes.io/region", "failure-domain.beta.kubernetes.io/region");
  std::string zone = find("topology.kubernetes.io/zone", "failure-domain.beta.kubernetes.io/zone");
  if (region.empty() && zone.empty()) return "";
  return StrCat(region, ":\x1f:", zone);
}

}  // namespace

std::string ControllerUid(const k8s::core::v1::Pod& pod) {
  for (const auto& owner : pod.metadata().ownerreferences()) {
    if (owner.controller()) return owner.uid();
  }
  return "";
}

std::string_view SelectorSpread::Name() const { return names::kSelectorSpread; }

framework::PluginStatus SelectorSpread::PreScore(
    framework::CycleState& state, const framework::PodInfo& pod,
    const std::vector<const framework::NodeInfo*>& nodes) {
  auto data = std::make_unique<SpreadState>();
  data->ns = pod.pod->metadata().namespace_();
  data->controller_uid = ControllerUid(*pod.pod);
  if (services_) {
    for (const auto& service : services_(data->ns)) {
      if (service->spec().selector().empty()) continue;
      std::map<std::string, std::string> labels(service->spec().selector().begin(),
                                                service->spec().selector().end());
      selectors::LabelSelector selector = selectors::LabelSelector::FromMatchLabels(labels);
      if (selector.Matches(pod.pod->metadata().labels())) data->services.push_back(std::move(selector));
    }
  }
  if (data->controller_uid.empty() && data->services.empty()) return framework::PluginStatus::Skip();
  data->zones.reserve(nodes.size());
  for (const framework::NodeInfo* node : nodes) data->zones.push_back(ZoneKey(*node->node()));
  state.Write(kSelectorSpreadStateKey, std::move(data));
  return framework::PluginStatus::Success();
}

int64_t SelectorSpread::Score(const framework::CycleState& state, const framework::PodInfo& pod,
                              const framework::NodeInfo& node) const {
  const auto* data = state.Read<SpreadState>(kSelectorSpreadStateKey);
  if (data == nullptr) return 0;
  int64_t siblings = 0;
  for (const auto& other : node.pods()) {
    const k8s::core::v1::Pod& p = *other->pod;
    if (p.metadata().namespace_() != data->ns || p.metadata().has_deletiontimestamp()) continue;
    if (!data->controller_uid.empty() && ControllerUid(p) != data->controller_uid) continue;
    bool matches = std::all_of(data->services.begin(), data->services.end(),
                               [&](const selectors::LabelSelector& s) {
                                 return s.Matches(p.metadata().labels());
                               });
    if (matches) ++siblings;
  }
  return siblings;
}

void SelectorSpread::NormalizeScore(const framework::CycleState& state,
                                    const framework::PodInfo& pod,
                                    std::vector<int64_t>& scores) const {
  const auto* data = state.Read<SpreadState>(kSelectorSpreadStateKey);
  int64_t max_by_node = 0;
  std::map<std::string, int64_t> by_zone;
  for (size_t i = 0; i < scores.size(); ++i) {
    max_by_node = std::max(max_by_node, scores[i]);
    if (data != nullptr && !data->zones[i].empty()) by_zone[data->zones[i]] += scores[i];
  }
  int64_t max_by_zone = 0;
  for (const auto& [zone, count] : by_zone) max_by_zone = std::max(max_by_zone, count);
  const double max_score = static_cast<double>(framework::kMaxNodeScore);
  for (size_t i = 0; i < scores.size(); ++i) {
    double score = max_score;
    if (max_by_node > 0) {
      score = max_score * static_cast<double>(max_by_node - scores[i]) / static_cast<double>(max_by_node);
    }
    if (!by_zone.empty() && !data->zones[i].empty()) {
      double zone_score = max_score;
      if (max_by_zone > 0) {
        zone_score = max_score * static_cast<double>(max_by_zone - by_zone[data->zones[i]]) /
                     static_cast<double>(max_by_zone);
      }
      score = score * (1.0 - kZoneWeighting) + kZoneWeighting * zone_score;
    }
    scores[i] = static_cast<int64_t>(score);
  }
}

}  // namespace kube::scheduler::plugins
