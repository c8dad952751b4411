#include "scheduler/framework/resource.h"

#include <algorithm>

#include "common/resource/quantity.h"

namespace kube::scheduler::framework {

int64_t QuantityValue(std::string_view resource_name, const k8s::resource::Quantity& quantity) {
  absl::StatusOr<resource::Quantity> parsed = resource::Quantity::Parse(quantity.string());
  if (!parsed.ok()) return 0;
  return resource_name == kCpu ? parsed->MilliValue() : parsed->Value();
}

Resource Resource::FromList(const ResourceList& list) {
  Resource out;
  for (const auto& [name, quantity] : list) {
    int64_t value = QuantityValue(name, quantity);
    if (name == kCpu) {
      out.milli_cpu = value;
    } else if (name == kMemory) {
      out.memory = value;
    } else if (name == kEphemeralStorage) {
      out.ephemeral_storage = value;
    } else if (name == kPods) {
      out.allowed_pod_number = value;
    } else {
      out.scalar[name] = value;
    }
  }
  return out;
}

void Resource::Add(const Resource& other) {
  milli_cpu += other.milli_cpu;
  memory += other.memory;
  ephemeral_storage += other.ephemeral_storage;
  allowed_pod_number += other.allowed_pod_number;
  for (const auto& [name, value] : other.scalar) scalar[name] += value;
}

void Resource::Sub(const Resource& other) {
  milli_cpu -= other.milli_cpu;
  memory -= other.memory;
  ephemeral_storage -= other.ephemeral_storage;
  allowed_pod_number -= other.allowed_pod_number;
  for (const auto& [name, value] : other.scalar) {
    auto it = scalar.find(name);
    if (it == scalar.end()) continue;
    it->second -= value;
    if (it->second == 0) scalar.erase(it);
  }
}

void Resource::SetMax(const Resource& other) {
  milli_cpu = std::max(milli_cpu, other.milli_cpu);
  memory = std::max(memory, other.memory);
  ephemeral_storage = std::max(ephemeral_storage, other.ephemeral_storage);
  allowed_pod_number = std::max(allowed_pod_number, other.allowed_pod_number);
  for (const auto& [name, value] : other.scalar) {
    int64_t& mine = scalar[name];
    mine = std::max(mine, value);
  }
}

bool Resource::IsZero() const {
  if (milli_cpu != 0 || memory != 0 || ephemeral_storage != 0) return false;
  for (const auto& [name, value] : scalar) {
    if (value != 0) return false;
  }
  return true;
}

int64_t Resource::Scalar(std::string_view name) const {
  auto it = scalar.find(absl::string_view(name.data(), name.size()));
  return it == scalar.end() ? 0 : it->second;
}

}  // namespace kube::scheduler::framework
