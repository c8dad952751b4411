#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <google/protobuf/map.h>

#include "absl/container/flat_hash_map.h"
#include "k8s/resource/quantity.pb.h"

namespace kube::scheduler::framework {

// Resource names the scheduler treats specially; every other name is a scalar
// (extended resources such as example.com/gpu, hugepages-2Mi).
inline constexpr char kCpu[] = "cpu";
inline constexpr char kMemory[] = "memory";
inline constexpr char kEphemeralStorage[] = "ephemeral-storage";
inline constexpr char kPods[] = "pods";

// Requests used for scoring when a container asks for none, as upstream
// (schedutil.DefaultMilliCPURequest / DefaultMemoryRequest), so that pods without
// requests still spread.
inline constexpr int64_t kDefaultMilliCpuRequest = 100;
inline constexpr int64_t kDefaultMemoryRequest = 200 * 1024 * 1024;

using ResourceList = google::protobuf::Map<std::string, k8s::resource::Quantity>;

// An amount of every resource the scheduler accounts for, in integers parsed once
// from quantities (upstream's framework.Resource). A plain value type.
struct Resource {
  int64_t milli_cpu = 0;
  int64_t memory = 0;
  int64_t ephemeral_storage = 0;
  int64_t allowed_pod_number = 0;
  // Extended resources and hugepages, by name.
  absl::flat_hash_map<std::string, int64_t> scalar;

  // Parses a ResourceList; quantities that do not parse count as zero (the
  // apiserver validated them).
  static Resource FromList(const ResourceList& list);

  void Add(const Resource& other);
  void Sub(const Resource& other);
  // Each field becomes the larger of the two.
  void SetMax(const Resource& other);
  // Whether nothing at all is requested (pods not counted).
  bool IsZero() const;
  int64_t Scalar(std::string_view name) const;

  friend bool operator==(const Resource&, const Resource&) = default;
};

// The value of one quantity in the unit the scheduler counts it in: millicores
// for cpu, whole units for everything else. 0 if it does not parse.
int64_t QuantityValue(std::string_view resource_name, const k8s::resource::Quantity& quantity);

}  // namespace kube::scheduler::framework
