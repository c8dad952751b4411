#include "tests/support/kubelet_process.h"

#include <signal.h>

#include <filesystem>

namespace kube::testing {

KubeletProcess::KubeletProcess(const ApiServerProcess& server, std::string node_name,
                               std::vector<std::string> extra_flags, bool use_grpc)
    : node_name_(std::move(node_name)), extra_flags_(std::move(extra_flags)) {
  root_dir_ = dir_.path() + "/root";
  log_path_ = dir_.path() + "/kubelet.log";
  kubeconfig_ = dir_.path() + "/kubelet.kubeconfig";
  // Each kubelet serves on a port of its own, so that several can share the machine.
  port_ = FreePort();
  std::filesystem::create_directories(root_dir_);
  server_url_ = use_grpc ? server.grpc_url() : server.url();
  WriteTestKubeconfig(kubeconfig_, server_url_,
                      TestPki::Shared().Issue("system:node:" + node_name_, {"system:nodes"}));
}

void KubeletProcess::UseBootstrapToken(const std::string& token) {
  const std::string path = dir_.path() + "/bootstrap.kubeconfig";
  WriteTestKubeconfig(path, server_url_, {}, token);
  UseBootstrapKubeconfig(path);
}

void KubeletProcess::UseBootstrapKubeconfig(const std::string& path) {
  std::filesystem::remove(kubeconfig_);
  bootstrap_kubeconfig_ = path;
}

KubeletProcess::~KubeletProcess() {
  if (process_) Kill9();
}

bool KubeletProcess::Start(std::string* why) {
  // Its port serves a certificate of the test CA, as cluster-up issues each node's.
  const TlsIdentity serving =
      TestPki::Shared().IssueServing("kubelet-" + node_name_, {"127.0.0.1", "localhost"});
  std::vector<std::string> argv = {BinDir() + "/kubelet",
                                   "--kubeconfig",
                                   kubeconfig_,
                                   "--node-name",
                                   node_name_,
                                   "--root-dir",
                                   root_dir_,
                                   "--container-runtime-endpoint",
                                   "fake://",
                                   "--node-ip",
                                   "127.0.0.1",
                                   "--address",
                                   "127.0.0.1",
                                   "--port",
                                   std::to_string(port_),
                                   "--client-ca-file",
                                   TestPki::Shared().ca_file(),
                                   "--healthz-port",
                                   "0",
                                   "-v",
                                   "2"};
  if (serving_from_cluster_) {
    argv.insert(argv.end(), {"--rotate-server-certificates", "--cert-dir", dir_.path() + "/pki"});
  } else {
    argv.insert(argv.end(), {"--tls-cert-file", serving.cert_file, "--tls-private-key-file",
                             serving.key_file});
  }
  if (!bootstrap_kubeconfig_.empty()) {
    argv.insert(argv.end(), {"--bootstrap-kubeconfig", bootstrap_kubeconfig_});
  }
  argv.insert(argv.end(), extra_flags_.begin(), extra_flags_.end());
  process_ = std::make_unique<Subprocess>(argv, log_path_);
  // Give it a moment to fail (bad flags, a port in use) before calling it started.
  absl::SleepFor(absl::Milliseconds(300));
  if (!process_->running()) {
    if (why != nullptr) *why = "kubelet exited at once; log:\n" + log();
    process_.reset();
    return false;
  }
  return true;
}

void KubeletProcess::Kill9() {
  if (!process_) return;
  process_->Signal(SIGKILL);
  process_->Wait(absl::Seconds(10));
  process_.reset();
}

int KubeletProcess::Terminate() {
  if (!process_) return -1;
  process_->Signal(SIGTERM);
  int code = process_->Wait(absl::Seconds(20));
  process_.reset();
  return code;
}

bool KubeletProcess::Restart(std::string* why) {
  Kill9();
  return Start(why);
}

}  // namespace kube::testing
