#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kube::kubelet {

// What the node reports about the machine it runs on. Read once at start; hollow
// nodes make one up.
struct MachineInfo {
  int64_t cpus = 1;                     // processors this process may run on (nproc)
  int64_t memory_bytes = 0;             // MemTotal
  int64_t ephemeral_storage_bytes = 0;  // size of the filesystem holding --root-dir
  std::string hostname;
  std::string internal_ip;     // the node's InternalIP address
  std::string kernel_version;  // uname -r
  std::string os_image;        // PRETTY_NAME from /etc/os-release
  std::string architecture;    // GOARCH spelling: amd64, arm64, ...
  std::string machine_id;
  std::string system_uuid;
  std::string boot_id;
};

// Reads the machine. `root_dir` sizes ephemeral storage; `node_ip` overrides the
// detected address (the first non-loopback IPv4 address that is up, else
// 127.0.0.1). Never fails: what cannot be read stays empty or zero.
MachineInfo ReadMachineInfo(const std::string& root_dir, const std::string& node_ip);

// Parsers, apart for tests.
// MemTotal of /proc/meminfo in bytes (0 if absent).
int64_t ParseMemTotal(std::string_view meminfo);
// PRETTY_NAME of an os-release file, unquoted ("Linux" if absent).
std::string ParseOsImage(std::string_view os_release);
// uname's machine as Go's GOARCH: x86_64 -> amd64, aarch64 -> arm64.
std::string GoArch(std::string_view machine);

}  // namespace kube::kubelet
