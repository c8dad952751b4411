#include "tests/support/real_cluster.h"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "common/client/grpc_transport.h"
#include "common/client/kubeconfig.h"
#include "common/util/strings.h"
#include "tests/support/apiserver_process.h"

namespace kube::testing {
namespace {

namespace fs = std::filesystem;

// Root's sbin directories hold runc, ip and iptables; a CI shell may lack them.
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
  std::stringstream path(std::getenv("PATH") != nullptr ? std::getenv("PATH") : "");
  std::string dir;
  while (std::getline(path, dir, ':')) {
    if (!dir.empty() && access(StrCat(dir, "/", name).c_str(), X_OK) == 0) return true;
  }
  return false;
}

std::string Tail(const std::string& text, size_t bytes) {
  return text.size() <= bytes ? text : text.substr(text.size() - bytes);
}

std::string Describe(const CommandResult& result) {
  return StrCat("exit ", result.exit_code, result.timed_out ? " (timed out)" : "", "\n",
                Tail(result.out, 4000), "\n", Tail(result.err, 4000));
}

// The value of KEY=... in cluster-up's cluster.env.
std::string EnvValue(const std::string& file, const std::string& key) {
  std::istringstream lines(ReadFile(file));
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind(key + "=", 0) == 0) return line.substr(key.size() + 1);
  }
  return "";
}

ino_t InodeOf(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 ? st.st_ino : 0;
}

}  // namespace

std::string MissingRealClusterPrerequisites() {
  if (geteuid() != 0) return "the test does not run as root";
  EnsureSbinOnPath();
  std::string missing;
  for (const char* program :
       {"containerd", "ctr", "containerd-shim-runc-v2", "runc", "nsenter", "ip", "iptables",
        "curl", "gcc", "tar", "gzip", "sha256sum", "docker-registry", "skopeo"}) {
    if (!InPath(program)) StrAppend(&missing, missing.empty() ? "" : ", ", program);
  }
  for (const char* file : {"/usr/lib/cni/bridge", "/usr/lib/cni/host-local",
                           "/usr/lib/cni/loopback", "/usr/lib/cni/portmap", "/bin/busybox"}) {
    if (access(file, F_OK) != 0) StrAppend(&missing, missing.empty() ? "" : ", ", file);
  }
  if (!missing.empty()) return StrCat(missing, " missing (deploy/install-deps.sh installs them)");
  if (access(StrCat(BinDir(), "/kubelet").c_str(), X_OK) != 0) {
    return StrCat(BinDir(), "/kubelet is not built");
  }
  return "";
}

RealCluster::RealCluster(RealClusterOptions options) : options_(std::move(options)) {
  static std::atomic<int> counter{0};
  netns_ = StrCat("kube-real-", getpid(), "-", counter++);
  data_dir_ = dir_->path() + "/data";
  kubectl_home_ = dir_->path() + "/kubectl";
  fs::create_directories(kubectl_home_);
}

absl::StatusOr<std::unique_ptr<RealCluster>> RealCluster::Start(RealClusterOptions options) {
  std::string missing = MissingRealClusterPrerequisites();
  if (!missing.empty()) return absl::FailedPreconditionError(missing);
  std::unique_ptr<RealCluster> cluster(new RealCluster(std::move(options)));
  absl::Status status = cluster->Launch();
  if (!status.ok()) return status;  // the destructor tears down what was made
  return cluster;
}

absl::Status RealCluster::Launch() {
  CommandResult added = RunCommand({"ip", "netns", "add", netns_});
  if (added.exit_code != 0) {
    return absl::InternalError(StrCat("ip netns add ", netns_, ": ", Describe(added)));
  }
  netns_created_ = true;
  netns_inode_ = InodeOf(StrCat("/run/netns/", netns_));
  // From here on this thread (and what it starts) lives in the namespace.
  original_netns_fd_ = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
  int target = open(StrCat("/run/netns/", netns_).c_str(), O_RDONLY | O_CLOEXEC);
  if (original_netns_fd_ < 0 || target < 0 || setns(target, CLONE_NEWNET) != 0) {
    if (target >= 0) close(target);
    return absl::InternalError(StrCat("cannot enter network namespace ", netns_, ": ",
                                      strerror(errno)));
  }
  close(target);
  absl::Status up = Up();
  if (!up.ok()) return up;
  // REST with the admin's certificate (gRPC's connections are made on threads
  // outside the namespace).
  absl::StatusOr<client::ClientConfig> admin =
      client::LoadKubeconfigFile(data_dir_ + "/admin.kubeconfig");
  if (!admin.ok()) return admin.status();
  auto transport = client::NewTransport(*admin);
  if (!transport.ok()) return transport.status();
  client_ = std::make_unique<client::Client>(std::move(*transport));
  return absl::OkStatus();
}

std::string RealCluster::ImagesDir() { return BinDir() + "/../test-images"; }

absl::Status RealCluster::Up() {
  std::vector<std::string> argv = {
      SourceDir() + "/deploy/cluster-up.sh", "--data-dir", data_dir_, "--bin-dir", BinDir(),
      "--netns", netns_, "--timeout", std::to_string(absl::ToInt64Seconds(options_.start_timeout)),
      // Built once for every cluster of the test run (and the next, until
      // deploy/images/ changes): they take several seconds to build.
      "--images-dir", ImagesDir()};
  if (options_.nodes > 0) {
    argv.insert(argv.end(), {"--nodes", std::to_string(options_.nodes)});
  } else {
    argv.insert(argv.end(), {"--pod-cidr", options_.pod_cidr, "--node-name", options_.node_name});
  }
  CommandResult up = RunCommand(argv, "", options_.start_timeout + absl::Seconds(120));
  if (up.exit_code != 0) {
    return absl::InternalError(StrCat("cluster-up.sh failed: ", Describe(up), "\n", LogTails()));
  }
  return absl::OkStatus();
}

absl::Status RealCluster::AddNodes(int nodes) {
  options_.nodes = nodes;
  return Up();
}

RealCluster::~RealCluster() {
  client_.reset();
  if (!netns_created_) return;  // nothing was made
  if (!down_) {
    CommandResult down = Down();
    if (down.exit_code != 0) std::cerr << "real_cluster: cluster-down: " << Describe(down);
  }
  // The namespaces also go when cluster-up failed before recording them.
  for (int node = 1; node <= options_.nodes; ++node) {
    if (fs::exists(StrCat("/run/netns/", NodeNetns(node)))) {
      RunCommand({"ip", "netns", "del", NodeNetns(node)});
    }
  }
  if (fs::exists(StrCat("/run/netns/", netns_))) RunCommand({"ip", "netns", "del", netns_});
  if (original_netns_fd_ >= 0) {
    if (setns(original_netns_fd_, CLONE_NEWNET) != 0) {
      std::cerr << "real_cluster: cannot return to the original network namespace\n";
    }
    close(original_netns_fd_);
  }
  std::string left = Leftovers();
  if (!left.empty()) std::cerr << "real_cluster: left behind: " << left << "\n";
  if (left.find("mount " + data_dir_) != std::string::npos) {
    std::cerr << "real_cluster: keeping " << dir_->path() << " (mounts remain in it)\n";
    (void)dir_.release();
  }
}

CommandResult RealCluster::Down() {
  down_ = true;
  return RunCommand({SourceDir() + "/deploy/cluster-down.sh", "--data-dir", data_dir_}, "",
                    absl::Seconds(120));
}

CommandResult RealCluster::Kubectl(const std::vector<std::string>& args, const std::string& input,
                                   absl::Duration timeout) const {
  std::vector<std::string> argv = {"kubectl", "--kubeconfig", data_dir_ + "/admin.kubeconfig",
                                   "--cache-dir", kubectl_home_ + "/cache"};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunCommand(argv, input, timeout, {"HOME=" + kubectl_home_});
}

CommandResult RealCluster::Run(const std::vector<std::string>& argv,
                               absl::Duration timeout) const {
  return RunCommand(argv, "", timeout);
}

std::string RealCluster::NodeDir(int node) const {
  return node > 0 ? StrCat(data_dir_, "/nodes/node-", node) : data_dir_;
}

void RealCluster::KillPidFile(const std::string& pid_file) {
  std::string text = ReadFile(pid_file);
  pid_t pid = text.empty() ? -1 : std::atoi(text.c_str());
  if (pid <= 0) return;
  kill(pid, SIGKILL);
  // cluster-up started it detached; it is not our child, so wait for it to vanish.
  absl::Time deadline = absl::Now() + absl::Seconds(10);
  while (kill(pid, 0) == 0 && absl::Now() < deadline) {
    std::string stat = ReadFile(StrCat("/proc/", pid, "/stat"));
    size_t close = stat.rfind(')');
    if (close != std::string::npos && stat.substr(close + 2, 1) == "Z") break;
    absl::SleepFor(absl::Milliseconds(20));
  }
}

void RealCluster::KillKubelet(int node) { KillPidFile(NodeDir(node) + "/kubelet.pid"); }

pid_t RealCluster::KubeletPid(int node) const {
  std::string text = ReadFile(NodeDir(node) + "/kubelet.pid");
  return text.empty() ? -1 : std::atoi(text.c_str());
}

void RealCluster::KillKubeProxy(int node) { KillPidFile(NodeDir(node) + "/kube-proxy.pid"); }

pid_t RealCluster::KubeProxyPid(int node) const {
  std::string text = ReadFile(NodeDir(node) + "/kube-proxy.pid");
  return text.empty() ? -1 : std::atoi(text.c_str());
}

CommandResult RealCluster::RunOnNode(int node, const std::vector<std::string>& argv,
                                     absl::Duration timeout) const {
  std::vector<std::string> in_node = {"nsenter", StrCat("--net=/run/netns/", NodeNetns(node))};
  in_node.insert(in_node.end(), argv.begin(), argv.end());
  return RunCommand(in_node, "", timeout);
}

std::string RealCluster::cri_endpoint() const {
  return StrCat("unix://", data_dir_, "/containerd/containerd.sock");
}

std::string RealCluster::cgroup_root() const {
  return EnvValue(data_dir_ + "/cluster.env", "CGROUP_ROOT");
}

std::string RealCluster::KubeletLog() const {
  if (options_.nodes == 0) return ReadFile(data_dir_ + "/logs/kubelet.log");
  std::string out;
  for (int node = 1; node <= options_.nodes; ++node) {
    StrAppend(&out, "---- node-", node, " ----\n",
              ReadFile(StrCat(data_dir_, "/logs/node-", node, "-kubelet.log")));
  }
  return out;
}

std::string RealCluster::LogTails(size_t bytes_each) const {
  std::string out;
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(data_dir_ + "/logs", error)) {
    StrAppend(&out, "---- ", entry.path().filename().string(), " ----\n",
              Tail(ReadFile(entry.path()), bytes_each), "\n");
  }
  std::string containerd = ReadFile(data_dir_ + "/containerd/containerd.log");
  if (!containerd.empty()) StrAppend(&out, "---- containerd.log ----\n", Tail(containerd, bytes_each));
  return out;
}

std::string RealCluster::Leftovers() const {
  std::string left;
  auto note = [&left](const std::string& what) { StrAppend(&left, left.empty() ? "" : "; ", what); };
  if (fs::exists(StrCat("/run/netns/", netns_))) note(StrCat("network namespace ", netns_));
  for (int node = 1; node <= options_.nodes; ++node) {
    if (fs::exists(StrCat("/run/netns/", NodeNetns(node)))) {
      note(StrCat("network namespace ", NodeNetns(node)));
    }
  }
  // Processes naming the data dir (daemons, shims) or holding its files.
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator("/proc", error)) {
    const std::string pid = entry.path().filename();
    if (pid.find_first_not_of("0123456789") != std::string::npos) continue;
    if (pid == std::to_string(getpid())) continue;  // the test itself may still be inside
    std::string cmdline = ReadFile(entry.path() / "cmdline");
    for (char& c : cmdline) {
      if (c == '\0') c = ' ';
    }
    if (cmdline.find(data_dir_) != std::string::npos) {
      note(StrCat("process ", pid, " (", cmdline.substr(0, 120), ")"));
    } else if (netns_inode_ != 0 && cmdline.size() > 0 &&
               InodeOf(entry.path() / "ns/net") == netns_inode_) {
      note(StrCat("process ", pid, " in the namespace (", cmdline.substr(0, 120), ")"));
    }
  }
  std::istringstream mounts(ReadFile("/proc/self/mountinfo"));
  std::string line;
  while (std::getline(mounts, line)) {
    std::istringstream fields(line);
    std::string field;
    for (int i = 0; i < 5 && fields >> field; ++i) {
    }
    if (field.rfind(data_dir_ + "/", 0) == 0 || field.rfind(StrCat("/run/netns/", netns_), 0) == 0) {
      note(StrCat("mount ", field));
    }
  }
  const std::string root = cgroup_root();
  if (!root.empty()) {
    for (const fs::directory_entry& hierarchy : fs::directory_iterator("/sys/fs/cgroup", error)) {
      if (fs::exists(hierarchy.path().string() + root)) {
        note(StrCat("cgroup ", hierarchy.path().string(), root));
      }
    }
    if (fs::exists("/sys/fs/cgroup" + root)) note(StrCat("cgroup /sys/fs/cgroup", root));
  }
  return left;
}

std::unique_ptr<k8s::core::v1::Pod> RealCluster::GetPod(const std::string& name,
                                                        const std::string& ns) const {
  auto pod = client_->Get<k8s::core::v1::Pod>(ns, name);
  return pod.ok() ? std::move(*pod) : nullptr;
}

std::unique_ptr<k8s::core::v1::Pod> RealCluster::WaitForPod(
    const std::string& name, const std::function<bool(const k8s::core::v1::Pod&)>& done,
    absl::Duration timeout, const std::string& ns) const {
  absl::Time deadline = absl::Now() + timeout;
  std::unique_ptr<k8s::core::v1::Pod> pod;
  while (absl::Now() < deadline) {
    pod = GetPod(name, ns);
    if (pod != nullptr && done(*pod)) return pod;
    absl::SleepFor(absl::Milliseconds(200));
  }
  std::cerr << "real_cluster: pod " << ns << "/" << name << " not as expected after "
            << absl::FormatDuration(timeout) << "; last status:\n"
            << (pod != nullptr ? pod->status().DebugString() : "(no pod)\n")
            << "kubelet log tail:\n"
            << Tail(KubeletLog(), 6000) << "\n";
  return nullptr;
}

k8s::core::v1::Pod BusyboxPod(const std::string& name, const std::string& script,
                              const std::string& restart_policy) {
  k8s::core::v1::Pod pod;
  pod.mutable_metadata()->set_name(name);
  pod.mutable_metadata()->set_namespace_("default");
  pod.mutable_spec()->set_restartpolicy(restart_policy);
  pod.mutable_spec()->set_terminationgraceperiodseconds(2);
  auto* container = pod.mutable_spec()->add_containers();
  container->set_name("main");
  container->set_image("busybox:1.35");
  container->add_command("sh");
  container->add_command("-c");
  container->add_command(script);
  return pod;
}

bool PodReadyCondition(const k8s::core::v1::Pod& pod) {
  for (const auto& condition : pod.status().conditions()) {
    if (condition.type() == "Ready") return condition.status() == "True";
  }
  return false;
}

const k8s::core::v1::ContainerStatus* ContainerStatusOf(const k8s::core::v1::Pod& pod,
                                                        const std::string& name) {
  for (const auto& status : pod.status().containerstatuses()) {
    if (status.name() == name) return &status;
  }
  return nullptr;
}

}  // namespace kube::testing
