#pragma once

#include <memory>
#include <string>
#include <vector>

#include "tests/support/apiserver_process.h"
#include "tests/support/subprocess.h"

namespace kube::testing {

// The real kube-controller-manager binary against a test apiserver, over gRPC when
// the server serves it (started with --grpc-port=auto), REST otherwise. Its
// /healthz and /metrics are on a free loopback port (--secure-port, plain HTTP).
// Leader election runs with short timings (2 s lease) and node monitoring every
// second, so tests that kill it or a node do not wait long; `extra_flags` come last
// and override them. The destructor kills it.
class ControllerManagerProcess {
 public:
  ControllerManagerProcess(const ApiServerProcess& server, std::vector<std::string> extra_flags = {},
                           bool use_grpc = true);
  ~ControllerManagerProcess();
  ControllerManagerProcess(const ControllerManagerProcess&) = delete;
  ControllerManagerProcess& operator=(const ControllerManagerProcess&) = delete;

  // Starts it and waits until /healthz answers 200; false (with its log in `why`)
  // if it does not within 30 s.
  bool Start(std::string* why = nullptr);
  void Kill9();
  // SIGTERM, then wait for the exit; returns the exit code (-1 if it had to be killed).
  int Terminate();
  bool Restart(std::string* why = nullptr);
  bool running() const { return process_ != nullptr && process_->running(); }

  // Whether /metrics reports this replica as the leader.
  bool Leading() const;
  int port() const { return port_; }
  std::string log() const { return ReadFile(log_path_); }
  // The last `bytes` of its log, for failure messages.
  std::string LogTail(size_t bytes = 6000) const;
  pid_t pid() const { return process_ ? process_->pid() : -1; }
  std::string Metrics() const;

 private:
  TempDir dir_;
  std::string log_path_;
  std::string kubeconfig_;
  int port_ = 0;
  std::vector<std::string> extra_flags_;
  std::unique_ptr<Subprocess> process_;
};

}  // namespace kube::testing
