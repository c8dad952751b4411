#pragma once

#include <memory>
#include <string>
#include <vector>

#include "tests/support/apiserver_process.h"
#include "tests/support/subprocess.h"

namespace kube::testing {

// How to run one control-plane daemon (kube-scheduler, kube-controller-manager) in
// tests.
struct ControlPlaneSpec {
  std::string binary;       // under the build's bin/
  std::string ready_path;   // answers 200 once it is serving
  // After --kubeconfig and the serving flags, before the test's own flags (which
  // override).
  std::vector<std::string> default_flags;
  // Who it is to the apiserver: its client certificate's CN and O.
  std::string user;
  std::vector<std::string> groups;
};

// A control-plane daemon against a test apiserver, over gRPC when the server
// serves it (started with --grpc-port=auto), REST otherwise, with /healthz and
// /metrics on its secure port: a free loopback port, HTTPS with the test PKI's
// serving certificate for 127.0.0.1 (ServingIdentity()) and the test CA as
// --client-ca-file, so tests reach /metrics with the admin's certificate
// (ApiClient::Daemon). The destructor kills it.
class ControlPlaneProcess {
 public:
  ControlPlaneProcess(ControlPlaneSpec spec, const ApiServerProcess& server,
                      std::vector<std::string> extra_flags, bool use_grpc);
  ~ControlPlaneProcess();
  ControlPlaneProcess(const ControlPlaneProcess&) = delete;
  ControlPlaneProcess& operator=(const ControlPlaneProcess&) = delete;

  // Starts it and waits until its ready path answers 200; false (with its log in
  // `why`) if it does not within 30 s.
  bool Start(std::string* why = nullptr);
  void Kill9();
  // SIGTERM, then wait for the exit; returns the exit code (-1 if it had to be killed).
  int Terminate();
  bool Restart(std::string* why = nullptr);
  bool running() const { return process_ != nullptr && process_->running(); }

  int port() const { return port_; }  // --secure-port
  std::string log() const { return ReadFile(log_path_); }
  // The last `bytes` of its log, for failure messages.
  std::string LogTail(size_t bytes = 6000) const;
  pid_t pid() const { return process_ ? process_->pid() : -1; }
  // GET /metrics as the admin (system:masters); "" if it does not answer 200.
  std::string Metrics() const;

  // The serving certificate every control-plane daemon of the tests presents.
  static TlsIdentity ServingIdentity();

 private:
  const ControlPlaneSpec spec_;
  TempDir dir_;
  std::string log_path_;
  std::string kubeconfig_;
  int port_ = 0;
  std::vector<std::string> extra_flags_;
  std::unique_ptr<Subprocess> process_;
};

}  // namespace kube::testing
