#include "kubelet/server/node_stats.h"

#include <sys/statvfs.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <sstream>

#include "absl/time/clock.h"
#include "common/util/strings.h"

namespace kube::kubelet {
namespace {

// /proc/meminfo as bytes by key ("MemTotal", ...).
std::map<std::string, uint64_t> ReadMeminfo(const std::string& path) {
  std::map<std::string, uint64_t> values;
  std::ifstream in(path);
  std::string key;
  uint64_t kilobytes = 0;
  std::string unit;
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    if (fields >> key >> kilobytes) {
      if (!key.empty() && key.back() == ':') key.pop_back();
      values[key] = kilobytes * 1024;
    }
  }
  return values;
}

}  // namespace

absl::StatusOr<NodeStats> ReadNodeStats(const std::string& proc, const std::string& root_dir) {
  NodeStats stats;
  stats.time = absl::Now();
  std::ifstream stat(proc + "/stat");
  std::string cpu;
  // cpu  user nice system idle iowait irq softirq steal ...
  uint64_t user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0;
  if (!(stat >> cpu >> user >> nice >> system >> idle >> iowait >> irq >> softirq >> steal) ||
      cpu != "cpu") {
    return absl::UnavailableError(kube::StrCat("cannot read ", proc, "/stat"));
  }
  const uint64_t ticks = static_cast<uint64_t>(sysconf(_SC_CLK_TCK));
  const uint64_t busy = user + nice + system + irq + softirq + steal;
  stats.cpu_usage_core_nanoseconds = busy * (1000000000ull / (ticks == 0 ? 100 : ticks));

  std::map<std::string, uint64_t> memory = ReadMeminfo(proc + "/meminfo");
  if (!memory.contains("MemTotal")) {
    return absl::UnavailableError(kube::StrCat("cannot read ", proc, "/meminfo"));
  }
  stats.memory_total_bytes = memory["MemTotal"];
  stats.memory_available_bytes =
      memory.contains("MemAvailable") ? memory["MemAvailable"] : memory["MemFree"];
  stats.memory_usage_bytes = stats.memory_total_bytes - memory["MemFree"];
  uint64_t inactive_file = memory["Inactive(file)"];
  stats.memory_working_set_bytes =
      stats.memory_usage_bytes > inactive_file ? stats.memory_usage_bytes - inactive_file : 0;

  struct statvfs fs {};
  if (statvfs(root_dir.c_str(), &fs) == 0) {
    stats.fs_capacity_bytes = static_cast<uint64_t>(fs.f_blocks) * fs.f_frsize;
    stats.fs_available_bytes = static_cast<uint64_t>(fs.f_bavail) * fs.f_frsize;
    stats.fs_used_bytes =
        stats.fs_capacity_bytes - static_cast<uint64_t>(fs.f_bfree) * fs.f_frsize;
  }
  return stats;
}

uint64_t ProcessResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  uint64_t size = 0, resident = 0;
  if (!(statm >> size >> resident)) return 0;
  return resident * static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
}

}  // namespace kube::kubelet
