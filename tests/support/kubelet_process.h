#pragma once

#include <memory>
#include <string>
#include <vector>

#include "tests/support/apiserver_process.h"
#include "tests/support/subprocess.h"

namespace kube::testing {

// The real kubelet binary against a test apiserver, with the simulated runtime
// (--container-runtime-endpoint fake://), its own root dir and node name. It talks
// gRPC when the server serves it (started with --grpc-port=auto), REST otherwise.
// The root dir (and with it the fake runtime's state) survives Kill9 and Restart,
// so a restarted kubelet finds its "running" containers. The destructor kills it.
class KubeletProcess {
 public:
  KubeletProcess(const ApiServerProcess& server, std::string node_name,
                 std::vector<std::string> extra_flags = {}, bool use_grpc = true);
  ~KubeletProcess();
  KubeletProcess(const KubeletProcess&) = delete;
  KubeletProcess& operator=(const KubeletProcess&) = delete;

  // Joins with bootstrap token `token` instead of a certificate issued beforehand
  // (TLS bootstrapping): its --kubeconfig is missing until the kubelet has asked
  // for a certificate with --bootstrap-kubeconfig. Call before Start.
  void UseBootstrapToken(const std::string& token);
  // The same with a bootstrap kubeconfig made elsewhere (kube-pki discover).
  void UseBootstrapKubeconfig(const std::string& path);
  // Asks the cluster for its serving certificate (--rotate-server-certificates)
  // instead of using one the test CA issued beforehand. Call before Start.
  void UseServingCertificateFromCluster() { serving_from_cluster_ = true; }
  // The URL its kubeconfigs name (gRPC when the server serves it).
  const std::string& server_url() const { return server_url_; }
  const std::string& kubeconfig() const { return kubeconfig_; }

  // Starts it; false (with its log in `why`) if it exits within a moment.
  bool Start(std::string* why = nullptr);
  void Kill9();
  // SIGTERM, then wait for the exit; returns the exit code (-1 if it had to be killed).
  int Terminate();
  bool Restart(std::string* why = nullptr);

  const std::string& node_name() const { return node_name_; }
  const std::string& root_dir() const { return root_dir_; }
  // The port of its HTTP server (--port, on 127.0.0.1), free when constructed.
  int port() const { return port_; }
  std::string log() const { return ReadFile(log_path_); }
  pid_t pid() const { return process_ ? process_->pid() : -1; }
  // Whether the process is still alive.
  bool Running() { return process_ && process_->running(); }

 private:
  TempDir dir_;
  std::string node_name_;
  std::string root_dir_;
  std::string log_path_;
  std::string kubeconfig_;
  std::string server_url_;
  std::string bootstrap_kubeconfig_;  // "" unless UseBootstrapToken
  bool serving_from_cluster_ = false;
  int port_ = 0;
  std::vector<std::string> extra_flags_;
  std::unique_ptr<Subprocess> process_;
};

}  // namespace kube::testing
