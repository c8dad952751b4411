#include "kubelet/runtime/remote/testing/containerd_node.h"

#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "common/util/strings.h"

namespace kube::kubelet::testing {
namespace {

namespace fs = std::filesystem;
using kube::testing::CommandResult;
using kube::testing::RunCommand;

constexpr char kSourceDir[] = KUBE_SOURCE_DIR;
// Inside the node's own network namespace every port is free.
constexpr char kRegistryAddress[] = "127.0.0.1:5000";

std::string Script(std::string_view relative) { return StrCat(kSourceDir, "/deploy/", relative); }

// Root's usual sbin directories, which a CI shell may leave off PATH.
void EnsureSbinOnPath() {
  const char* current = std::getenv("PATH");
  std::string path = current != nullptr ? current : "/usr/bin:/bin";
  for (const char* dir : {"/usr/local/sbin", "/usr/sbin", "/sbin"}) {
    if (StrCat(":", path, ":").find(StrCat(":", dir, ":")) == std::string::npos) {
      StrAppend(&path, ":", dir);
    }
  }
  setenv("PATH", path.c_str(), 1);
}

bool InPath(const std::string& name) {
  EnsureSbinOnPath();
  std::stringstream path(std::getenv("PATH"));
  std::string dir;
  while (std::getline(path, dir, ':')) {
    if (!dir.empty() && access(StrCat(dir, "/", name).c_str(), X_OK) == 0) return true;
  }
  return false;
}

std::string MissingFrom(const std::vector<std::string>& programs,
                        const std::vector<std::string>& files) {
  std::string missing;
  for (const std::string& program : programs) {
    if (!InPath(program)) StrAppend(&missing, missing.empty() ? "" : ", ", program);
  }
  for (const std::string& file : files) {
    if (access(file.c_str(), F_OK) != 0) StrAppend(&missing, missing.empty() ? "" : ", ", file);
  }
  return missing;
}

absl::Status Check(const CommandResult& result, std::string_view what) {
  if (result.exit_code == 0) return absl::OkStatus();
  return absl::InternalError(StrCat(what, " failed (exit ", result.exit_code,
                                    result.timed_out ? ", timed out" : "", "): ", result.err,
                                    result.out));
}

bool MountsUnder(const std::string& dir) {
  std::ifstream mountinfo("/proc/self/mountinfo");
  std::string line;
  const std::string prefix = dir + "/";
  while (std::getline(mountinfo, line)) {
    std::istringstream fields(line);
    std::string field;
    for (int i = 0; i < 5 && fields >> field; ++i) {
    }
    if (field.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

// cgroup directories go with rmdir only (their files cannot be unlinked), leaves first.
void RemoveCgroupTree(const fs::path& dir) {
  std::error_code error;
  if (!fs::is_directory(dir, error)) return;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, error)) {
    if (entry.is_directory(error) && !entry.is_symlink(error)) RemoveCgroupTree(entry.path());
  }
  if (rmdir(dir.c_str()) != 0) {
    std::cerr << "containerd_node: cannot remove cgroup " << dir << ": " << strerror(errno)
              << "\n";
  }
}

// Our exited children: containerd and its shims reparent to us (see Start), and
// nobody else waits for them.
void ReapZombieChildren() {
  const std::string self = std::to_string(getpid());
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator("/proc", error)) {
    std::ifstream stat(entry.path() / "stat");
    std::string line;
    if (!std::getline(stat, line)) continue;
    size_t close = line.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(line.substr(close + 1));
    std::string state, parent;
    rest >> state >> parent;
    if (state == "Z" && parent == self) waitpid(std::stoi(entry.path().filename()), nullptr, 0);
  }
}

// build-images.sh output, made once per process and removed at exit.
struct ImageBuild {
  kube::testing::TempDir dir;
  absl::Status status;
  ImageBuild() {
    status = Check(RunCommand({Script("images/build-images.sh"), dir.path()}, "",
                              absl::Minutes(2)),
                   "build-images.sh");
  }
};

ImageBuild& Images() {
  static ImageBuild build;  // its TempDir goes at exit
  return build;
}

}  // namespace

std::string MissingNodePrerequisites() {
  if (geteuid() != 0) return "the test does not run as root";
  std::string missing = MissingFrom(
      {"containerd", "ctr", "containerd-shim-runc-v2", "runc", "nsenter", "ip", "gcc", "tar",
       "gzip", "sha256sum"},
      {"/usr/lib/cni/bridge", "/usr/lib/cni/host-local", "/usr/lib/cni/loopback",
       "/usr/lib/cni/portmap", "/bin/busybox"});
  if (!missing.empty()) {
    return StrCat(missing, " missing (deploy/install-deps.sh installs them)");
  }
  return "";
}

std::string MissingRegistryPrerequisites() {
  std::string missing = MissingFrom({"docker-registry", "skopeo", "curl"}, {});
  if (!missing.empty()) return StrCat(missing, " missing (deploy/install-deps.sh installs them)");
  return "";
}

const std::string& ContainerdNode::ImagesDir() { return Images().dir.path(); }

absl::StatusOr<std::unique_ptr<ContainerdNode>> ContainerdNode::Start(
    const ContainerdNodeOptions& options) {
  std::string missing = MissingNodePrerequisites();
  if (missing.empty() && options.with_registry) missing = MissingRegistryPrerequisites();
  if (!missing.empty()) return absl::FailedPreconditionError(missing);
  EnsureSbinOnPath();
  // containerd's shims daemonize; as a subreaper we get them (and containerd, once
  // start-containerd.sh exits) as children, so teardown can reap them whatever the
  // machine's init does.
  prctl(PR_SET_CHILD_SUBREAPER, 1);
  std::unique_ptr<ContainerdNode> node(new ContainerdNode());
  absl::Status status = node->Launch(options);
  if (!status.ok()) return status;  // the destructor cleans up what was made
  return node;
}

absl::Status ContainerdNode::Launch(const ContainerdNodeOptions& options) {
  static std::atomic<int> counter{0};
  netns_ = StrCat("kube-cri-test-", getpid(), "-", counter++);
  cgroup_parent_ = StrCat("/", netns_);
  char pattern[] = "/tmp/kcri-XXXXXX";  // short: containerd's socket paths are bounded
  if (mkdtemp(pattern) == nullptr) return absl::InternalError("mkdtemp failed");
  dir_ = pattern;

  absl::Status status = Check(RunCommand({"ip", "netns", "add", netns_}), "ip netns add");
  if (!status.ok()) return status;
  netns_created_ = true;
  status = Check(RunCommand({"ip", "-n", netns_, "link", "set", "lo", "up"}), "ip link set lo up");
  if (!status.ok()) return status;

  status = Check(RunCommand({Script("containerd/render-config.sh"), dir_, options.pod_cidr,
                             "--bridge", "kcri0", "--insecure-registry", kRegistryAddress}),
                 "render-config.sh");
  if (!status.ok()) return status;
  if (options.with_registry) {
    status = StartRegistry();
    if (!status.ok()) return status;
  }
  status = Check(RunInNetns({Script("containerd/start-containerd.sh"), dir_}, absl::Seconds(30)),
                 "start-containerd.sh");
  if (!status.ok()) return status;

  if (!Images().status.ok()) return Images().status;
  return Check(RunCommand({Script("images/import-images.sh"), StrCat(dir_, "/containerd.sock"),
                           ImagesDir()},
                          "", absl::Seconds(60)),
               "import-images.sh");
}

absl::Status ContainerdNode::StartRegistry() {
  const std::string config = StrCat(dir_, "/registry.yml");
  std::ofstream(config) << "version: 0.1\n"
                        << "log:\n  level: warn\n"
                        << "storage:\n  filesystem:\n    rootdirectory: " << dir_
                        << "/registry\n  delete:\n    enabled: true\n"
                        << "http:\n  addr: " << kRegistryAddress << "\n";
  registry_process_ = std::make_unique<kube::testing::Subprocess>(
      std::vector<std::string>{"nsenter", StrCat("--net=/run/netns/", netns_), "docker-registry",
                               "serve", config},
      StrCat(dir_, "/registry.log"));
  absl::Time deadline = absl::Now() + absl::Seconds(20);
  while (absl::Now() < deadline) {
    CommandResult probe = RunInNetns(
        {"curl", "-sf", "-o", "/dev/null", StrCat("http://", kRegistryAddress, "/v2/")},
        absl::Seconds(5));
    if (probe.exit_code == 0) {
      registry_ = kRegistryAddress;
      return absl::OkStatus();
    }
    if (!registry_process_->running()) break;
    absl::SleepFor(absl::Milliseconds(50));
  }
  return absl::InternalError(StrCat("docker-registry did not come up; its log: ",
                                    kube::testing::ReadFile(StrCat(dir_, "/registry.log"))));
}

CommandResult ContainerdNode::RunInNetns(const std::vector<std::string>& argv,
                                         absl::Duration timeout) const {
  std::vector<std::string> full = {"nsenter", StrCat("--net=/run/netns/", netns_)};
  full.insert(full.end(), argv.begin(), argv.end());
  return RunCommand(full, "", timeout);
}

absl::Status ContainerdNode::PushToRegistry(const std::string& archive,
                                            const std::string& source_ref,
                                            const std::string& target) const {
  if (registry_.empty()) return absl::FailedPreconditionError("no registry was started");
  return Check(RunInNetns({"skopeo", "--insecure-policy", "copy", "--quiet",
                           "--dest-tls-verify=false", StrCat("oci-archive:", archive, ":",
                                                             source_ref),
                           StrCat("docker://", registry_, "/", target)},
                          absl::Seconds(60)),
               "skopeo copy");
}

ContainerdNode::~ContainerdNode() { TearDown(); }

void ContainerdNode::TearDown() {
  registry_process_.reset();
  if (!dir_.empty()) {
    CommandResult stopped =
        RunCommand({Script("containerd/stop-containerd.sh"), dir_}, "", absl::Seconds(60));
    if (stopped.exit_code != 0) std::cerr << "containerd_node: " << stopped.err << stopped.out;
  }
  ReapZombieChildren();
  if (netns_created_) {
    CommandResult deleted = RunCommand({"ip", "netns", "del", netns_});
    if (deleted.exit_code != 0) std::cerr << "containerd_node: ip netns del: " << deleted.err;
  }
  std::error_code error;
  if (!cgroup_parent_.empty()) {
    const std::string name = cgroup_parent_.substr(1);
    // v1 hierarchies (/sys/fs/cgroup/memory/...), or the root of a pure v2 mount.
    for (const fs::directory_entry& hierarchy : fs::directory_iterator("/sys/fs/cgroup", error)) {
      RemoveCgroupTree(hierarchy.path() / name);
    }
    RemoveCgroupTree(fs::path("/sys/fs/cgroup") / name);
  }
  if (!dir_.empty()) {
    // Never recurse into a mount that is still there: it may be a host directory.
    if (MountsUnder(dir_)) {
      std::cerr << "containerd_node: mounts remain under " << dir_ << "; left in place\n";
    } else {
      fs::remove_all(dir_, error);
    }
  }
}

}  // namespace kube::kubelet::testing
