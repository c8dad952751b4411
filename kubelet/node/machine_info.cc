#include "kubelet/node/machine_info.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <sched.h>
#include <sys/statvfs.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"

namespace kube::kubelet {
namespace {

std::string ReadSmallFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string Trimmed(std::string text) {
  absl::StripAsciiWhitespace(&text);
  return text;
}

int64_t OnlineCpus() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof(set), &set) == 0) return CPU_COUNT(&set);
  long online = sysconf(_SC_NPROCESSORS_ONLN);
  return online > 0 ? online : 1;
}

std::string DetectIp() {
  ifaddrs* addresses = nullptr;
  if (getifaddrs(&addresses) != 0) return "127.0.0.1";
  std::string found;
  for (ifaddrs* a = addresses; a != nullptr && found.empty(); a = a->ifa_next) {
    if (a->ifa_addr == nullptr || a->ifa_addr->sa_family != AF_INET) continue;
    if ((a->ifa_flags & IFF_UP) == 0 || (a->ifa_flags & IFF_LOOPBACK) != 0) continue;
    char buffer[INET_ADDRSTRLEN];
    auto* in = reinterpret_cast<sockaddr_in*>(a->ifa_addr);
    if (inet_ntop(AF_INET, &in->sin_addr, buffer, sizeof(buffer)) != nullptr) found = buffer;
  }
  freeifaddrs(addresses);
  return found.empty() ? "127.0.0.1" : found;
}

}  // namespace

int64_t ParseMemTotal(std::string_view meminfo) {
  for (absl::string_view line :
       absl::StrSplit(absl::string_view(meminfo.data(), meminfo.size()), '\n')) {
    if (!absl::StartsWith(line, "MemTotal:")) continue;
    std::vector<absl::string_view> fields =
        absl::StrSplit(line.substr(9), ' ', absl::SkipWhitespace());
    int64_t value = 0;
    if (fields.empty() || !absl::SimpleAtoi(fields[0], &value)) return 0;
    bool kilobytes = fields.size() > 1 && absl::AsciiStrToLower(fields[1]) == "kb";
    return kilobytes ? value * 1024 : value;
  }
  return 0;
}

std::string ParseOsImage(std::string_view os_release) {
  for (absl::string_view line :
       absl::StrSplit(absl::string_view(os_release.data(), os_release.size()), '\n')) {
    if (!absl::StartsWith(line, "PRETTY_NAME=")) continue;
    std::string value(line.substr(12));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    return value;
  }
  return "Linux";
}

std::string GoArch(std::string_view machine) {
  if (machine == "x86_64") return "amd64";
  if (machine == "aarch64" || machine == "arm64") return "arm64";
  if (machine == "i386" || machine == "i686") return "386";
  if (machine.substr(0, 3) == "arm") return "arm";
  return std::string(machine);
}

MachineInfo ReadMachineInfo(const std::string& root_dir, const std::string& node_ip) {
  MachineInfo info;
  info.cpus = OnlineCpus();
  info.memory_bytes = ParseMemTotal(ReadSmallFile("/proc/meminfo"));
  struct statvfs fs {};
  if (statvfs(root_dir.c_str(), &fs) == 0) {
    info.ephemeral_storage_bytes = static_cast<int64_t>(fs.f_blocks) * fs.f_frsize;
  }
  char hostname[256] = {};
  if (gethostname(hostname, sizeof(hostname) - 1) == 0) info.hostname = hostname;
  info.internal_ip = node_ip.empty() ? DetectIp() : node_ip;
  utsname uts{};
  if (uname(&uts) == 0) {
    info.kernel_version = uts.release;
    info.architecture = GoArch(uts.machine);
  }
  info.os_image = ParseOsImage(ReadSmallFile("/etc/os-release"));
  info.machine_id = Trimmed(ReadSmallFile("/etc/machine-id"));
  info.system_uuid = Trimmed(ReadSmallFile("/sys/class/dmi/id/product_uuid"));
  info.boot_id = Trimmed(ReadSmallFile("/proc/sys/kernel/random/boot_id"));
  return info;
}

}  // namespace kube::kubelet
