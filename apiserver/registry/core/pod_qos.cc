#include "apiserver/registry/core/pod_qos.h"

#include <map>
#include <set>

#include "apiserver/registry/core/resource_validation.h"

namespace kube::apiserver::core {
namespace {

using Totals = std::map<std::string, resource::Quantity>;

bool IsQosResource(const std::string& name) { return name == "cpu" || name == "memory"; }

// Adds the non-zero cpu and memory quantities of `list` to `totals`; returns the
// names seen.
std::set<std::string> Accumulate(const ResourceList& list, Totals& totals) {
  std::set<std::string> names;
  for (const auto& [name, text] : list) {
    if (!IsQosResource(name)) continue;
    std::optional<resource::Quantity> quantity = ParseQuantity(text);
    if (!quantity || quantity->IsZero()) continue;
    names.insert(name);
    totals[name].Add(*quantity);
  }
  return names;
}

std::string Classify(bool guaranteed, const Totals& requests, const Totals& limits) {
  if (requests.empty() && limits.empty()) return "BestEffort";
  if (guaranteed && requests.size() == limits.size()) {
    for (const auto& [name, request] : requests) {
      auto limit = limits.find(name);
      if (limit == limits.end() || limit->second.Cmp(request) != 0) return "Burstable";
    }
    return "Guaranteed";
  }
  return "Burstable";
}

}  // namespace

std::string ComputePodQos(const k8s::core::v1::PodSpec& spec) {
  Totals requests;
  Totals limits;
  bool guaranteed = true;
  auto full_limits = [](const std::set<std::string>& names) {
    return names.contains("cpu") && names.contains("memory");
  };
  if (spec.has_resources() &&
      (!spec.resources().requests().empty() || !spec.resources().limits().empty())) {
    Accumulate(spec.resources().requests(), requests);
    guaranteed = full_limits(Accumulate(spec.resources().limits(), limits));
    return Classify(guaranteed, requests, limits);
  }
  auto visit = [&](const google::protobuf::RepeatedPtrField<k8s::core::v1::Container>& containers) {
    for (const auto& container : containers) {
      Accumulate(container.resources().requests(), requests);
      if (!full_limits(Accumulate(container.resources().limits(), limits))) guaranteed = false;
    }
  };
  visit(spec.containers());
  visit(spec.initcontainers());
  return Classify(guaranteed, requests, limits);
}

}  // namespace kube::apiserver::core
