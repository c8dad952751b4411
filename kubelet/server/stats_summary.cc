#include "kubelet/server/stats_summary.h"

#include <map>
#include <tuple>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "absl/time/clock.h"
#include "kubelet/container/labels.h"

namespace kube::kubelet {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

std::string Rfc3339(absl::Time time) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", time, absl::UTCTimeZone());
}

void Field(JsonWriter& out, const char* key, const std::string& value) {
  out.Key(key);
  out.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
}

void Field(JsonWriter& out, const char* key, uint64_t value) {
  out.Key(key);
  out.Uint64(value);
}

struct Usage {
  uint64_t cpu_core_nanoseconds = 0;
  uint64_t memory_usage = 0;
  uint64_t memory_working_set = 0;
};

void WriteCpuMemory(JsonWriter& out, const std::string& time, const Usage& usage) {
  out.Key("cpu");
  out.StartObject();
  Field(out, "time", time);
  Field(out, "usageCoreNanoSeconds", usage.cpu_core_nanoseconds);
  out.EndObject();
  out.Key("memory");
  out.StartObject();
  Field(out, "time", time);
  Field(out, "usageBytes", usage.memory_usage);
  Field(out, "workingSetBytes", usage.memory_working_set);
  out.EndObject();
}

struct ContainerEntry {
  std::string name;
  absl::Time started;
  Usage usage;
};

struct PodEntry {
  std::string name, namespace_, uid;
  absl::Time started = absl::InfiniteFuture();
  std::vector<ContainerEntry> containers;
};

}  // namespace

StatsSummary::StatsSummary(std::string node_name, std::string root_dir, Runtime& runtime,
                           std::string proc)
    : node_name_(std::move(node_name)),
      root_dir_(std::move(root_dir)),
      runtime_(runtime),
      proc_(std::move(proc)),
      start_time_(absl::Now()) {}

uint64_t StatsSummary::NodeNanoCores(const NodeStats& now) {
  absl::MutexLock lock(&mu_);
  uint64_t cores = 0;
  if (last_time_ != absl::InfinitePast() && now.time > last_time_ &&
      now.cpu_usage_core_nanoseconds >= last_cpu_) {
    double seconds = absl::ToDoubleSeconds(now.time - last_time_);
    cores = static_cast<uint64_t>(
        static_cast<double>(now.cpu_usage_core_nanoseconds - last_cpu_) / seconds);
  }
  last_time_ = now.time;
  last_cpu_ = now.cpu_usage_core_nanoseconds;
  return cores;
}

absl::StatusOr<std::string> StatsSummary::Json() {
  absl::StatusOr<NodeStats> node = ReadNodeStats(proc_, root_dir_);
  if (!node.ok()) return node.status();
  absl::StatusOr<std::vector<ContainerStatus>> containers =
      runtime_.ListContainers(ContainerFilter{.state = ContainerState::kRunning});
  if (!containers.ok()) return containers.status();
  absl::StatusOr<std::vector<ContainerStats>> stats = runtime_.ListContainerStats();
  if (!stats.ok()) return stats.status();
  absl::StatusOr<std::vector<PodSandboxStatus>> sandboxes = runtime_.ListPodSandboxes();
  if (!sandboxes.ok()) return sandboxes.status();

  std::map<std::string, const ContainerStats*> stats_by_id;
  for (const ContainerStats& s : *stats) stats_by_id[s.id] = &s;
  std::map<std::string, PodEntry> pods;  // by uid
  for (const PodSandboxStatus& sandbox : *sandboxes) {
    if (sandbox.state != SandboxState::kReady) continue;
    PodEntry& pod = pods[sandbox.uid];
    pod.name = sandbox.name;
    pod.namespace_ = sandbox.namespace_;
    pod.uid = sandbox.uid;
    pod.started = std::min(pod.started, sandbox.created_at);
  }
  for (const ContainerStatus& container : *containers) {
    auto uid = container.labels.find(kPodUidLabel);
    if (uid == container.labels.end()) continue;
    auto pod = pods.find(uid->second);
    if (pod == pods.end()) continue;
    ContainerEntry entry;
    auto name = container.labels.find(kContainerNameLabel);
    entry.name = name != container.labels.end() ? name->second : container.name;
    // Lists carry no times (as CRI's); the status has them.
    absl::StatusOr<ContainerStatus> status = runtime_.GetContainerStatus(container.id);
    entry.started = status.ok() ? status->started_at : pod->second.started;
    if (auto s = stats_by_id.find(container.id); s != stats_by_id.end()) {
      entry.usage.cpu_core_nanoseconds = s->second->cpu_usage_core_nanoseconds;
      entry.usage.memory_usage = s->second->memory_usage_bytes;
      entry.usage.memory_working_set = s->second->memory_working_set_bytes;
    }
    pod->second.containers.push_back(std::move(entry));
  }

  const std::string now = Rfc3339(node->time);
  rapidjson::StringBuffer buffer;
  JsonWriter out(buffer);
  out.StartObject();
  out.Key("node");
  out.StartObject();
  Field(out, "nodeName", node_name_);
  out.Key("systemContainers");
  out.StartArray();
  out.EndArray();
  Field(out, "startTime", Rfc3339(start_time_));
  out.Key("cpu");
  out.StartObject();
  Field(out, "time", now);
  Field(out, "usageNanoCores", NodeNanoCores(*node));
  Field(out, "usageCoreNanoSeconds", node->cpu_usage_core_nanoseconds);
  out.EndObject();
  out.Key("memory");
  out.StartObject();
  Field(out, "time", now);
  Field(out, "availableBytes", node->memory_available_bytes);
  Field(out, "usageBytes", node->memory_usage_bytes);
  Field(out, "workingSetBytes", node->memory_working_set_bytes);
  out.EndObject();
  out.Key("fs");
  out.StartObject();
  Field(out, "time", now);
  Field(out, "availableBytes", node->fs_available_bytes);
  Field(out, "capacityBytes", node->fs_capacity_bytes);
  Field(out, "usedBytes", node->fs_used_bytes);
  out.EndObject();
  out.EndObject();

  out.Key("pods");
  out.StartArray();
  for (const auto& [uid, pod] : pods) {
    out.StartObject();
    out.Key("podRef");
    out.StartObject();
    Field(out, "name", pod.name);
    Field(out, "namespace", pod.namespace_);
    Field(out, "uid", pod.uid);
    out.EndObject();
    Field(out, "startTime", Rfc3339(pod.started));
    Usage total;
    out.Key("containers");
    out.StartArray();
    for (const ContainerEntry& container : pod.containers) {
      out.StartObject();
      Field(out, "name", container.name);
      Field(out, "startTime", Rfc3339(container.started));
      WriteCpuMemory(out, now, container.usage);
      out.EndObject();
      total.cpu_core_nanoseconds += container.usage.cpu_core_nanoseconds;
      total.memory_usage += container.usage.memory_usage;
      total.memory_working_set += container.usage.memory_working_set;
    }
    out.EndArray();
    WriteCpuMemory(out, now, total);
    out.EndObject();
  }
  out.EndArray();
  out.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace kube::kubelet
