#include "kubelet/qos/qos.h"

#include <map>
#include <set>

#include "common/resource/quantity.h"
#include "common/util/strings.h"

namespace kube::kubelet {
namespace {

using resource::Quantity;

constexpr int64_t kMinShares = 2;
constexpr int64_t kSharesPerCpu = 1024;
constexpr int64_t kCpuPeriodMicros = 100000;
constexpr int64_t kMinQuotaMicros = 1000;

bool SupportedQosResource(const std::string& name) { return name == "cpu" || name == "memory"; }

std::optional<Quantity> Parse(const k8s::resource::Quantity& q) {
  absl::StatusOr<Quantity> parsed = Quantity::Parse(q.string());
  if (!parsed.ok()) return std::nullopt;
  return *parsed;
}

}  // namespace

int64_t MilliValue(const google::protobuf::Map<std::string, k8s::resource::Quantity>& list,
                   const std::string& name) {
  auto it = list.find(name);
  if (it == list.end()) return 0;
  std::optional<Quantity> q = Parse(it->second);
  return q ? q->MilliValue() : 0;
}

int64_t Value(const google::protobuf::Map<std::string, k8s::resource::Quantity>& list,
              const std::string& name) {
  auto it = list.find(name);
  if (it == list.end()) return 0;
  std::optional<Quantity> q = Parse(it->second);
  return q ? q->Value() : 0;
}

QosClass ComputeQos(const k8s::core::v1::PodSpec& spec) {
  std::map<std::string, Quantity> requests;
  std::map<std::string, Quantity> limits;
  bool guaranteed = true;
  auto visit = [&](const k8s::core::v1::Container& container) {
    for (const auto& [name, text] : container.resources().requests()) {
      if (!SupportedQosResource(name)) continue;
      std::optional<Quantity> q = Parse(text);
      if (q && q->Sign() > 0) requests[name].Add(*q);
    }
    std::set<std::string> limits_found;
    for (const auto& [name, text] : container.resources().limits()) {
      if (!SupportedQosResource(name)) continue;
      std::optional<Quantity> q = Parse(text);
      if (q && q->Sign() > 0) {
        limits_found.insert(name);
        limits[name].Add(*q);
      }
    }
    if (limits_found.size() != 2) guaranteed = false;
  };
  for (const auto& container : spec.initcontainers()) visit(container);
  for (const auto& container : spec.containers()) visit(container);
  if (requests.empty() && limits.empty()) return QosClass::kBestEffort;
  if (guaranteed) {
    for (const auto& [name, request] : requests) {
      auto it = limits.find(name);
      if (it == limits.end() || it->second.Cmp(request) != 0) guaranteed = false;
    }
  }
  return guaranteed && requests.size() == limits.size() ? QosClass::kGuaranteed
                                                        : QosClass::kBurstable;
}

QosClass QosOf(const k8s::core::v1::Pod& pod) {
  const std::string& name = pod.status().qosclass();
  if (name == "Guaranteed") return QosClass::kGuaranteed;
  if (name == "Burstable") return QosClass::kBurstable;
  if (name == "BestEffort") return QosClass::kBestEffort;
  return ComputeQos(pod.spec());
}

std::string QosClassName(QosClass qos) {
  switch (qos) {
    case QosClass::kGuaranteed:
      return "Guaranteed";
    case QosClass::kBurstable:
      return "Burstable";
    case QosClass::kBestEffort:
      return "BestEffort";
  }
  return "BestEffort";
}

std::string PodCgroupParent(QosClass qos, const std::string& pod_uid,
                            const std::string& cgroup_root) {
  std::string root = cgroup_root;
  while (!root.empty() && root.back() == '/') root.pop_back();
  if (!root.empty() && root.front() != '/') root.insert(root.begin(), '/');
  switch (qos) {
    case QosClass::kGuaranteed:
      return kube::StrCat(root, "/kubepods/pod", pod_uid);
    case QosClass::kBurstable:
      return kube::StrCat(root, "/kubepods/burstable/pod", pod_uid);
    case QosClass::kBestEffort:
      return kube::StrCat(root, "/kubepods/besteffort/pod", pod_uid);
  }
  return "";
}

LinuxResources ContainerLinuxResources(const k8s::core::v1::Container& container) {
  const auto& requests = container.resources().requests();
  const auto& limits = container.resources().limits();
  LinuxResources resources;
  // Requests default to limits (the apiserver defaults them; an old object may not).
  int64_t cpu_request =
      requests.contains("cpu") ? MilliValue(requests, "cpu") : MilliValue(limits, "cpu");
  resources.cpu_shares = std::max(kMinShares, cpu_request * kSharesPerCpu / 1000);
  int64_t cpu_limit = MilliValue(limits, "cpu");
  if (cpu_limit > 0) {
    resources.cpu_period = kCpuPeriodMicros;
    resources.cpu_quota = std::max(kMinQuotaMicros, cpu_limit * kCpuPeriodMicros / 1000);
  }
  resources.memory_limit_bytes = Value(limits, "memory");
  return resources;
}

}  // namespace kube::kubelet
