#include "tests/support/controller_manager_process.h"

#include <signal.h>

#include <httplib.h>

namespace kube::testing {

ControllerManagerProcess::ControllerManagerProcess(const ApiServerProcess& server,
                                                   std::vector<std::string> extra_flags,
                                                   bool use_grpc)
    : extra_flags_(std::move(extra_flags)) {
  log_path_ = dir_.path() + "/kube-controller-manager.log";
  kubeconfig_ = dir_.path() + "/controller-manager.kubeconfig";
  port_ = FreePort();
  const std::string endpoint =
      use_grpc ? "grpc://127.0.0.1:" + std::to_string(server.grpc_port()) : server.url();
  WriteFile(kubeconfig_,
            "apiVersion: v1\nkind: Config\nclusters:\n- name: test\n  cluster:\n    server: " +
                endpoint +
                "\ncontexts:\n- name: test\n  context:\n    cluster: test\n    user: test\n"
                "current-context: test\nusers:\n- name: test\n  user: {}\n");
}

ControllerManagerProcess::~ControllerManagerProcess() {
  if (process_) Kill9();
}

bool ControllerManagerProcess::Start(std::string* why) {
  std::vector<std::string> argv = {BinDir() + "/kube-controller-manager",
                                   "--kubeconfig", kubeconfig_,
                                   "--secure-port", std::to_string(port_),
                                   "--leader-elect-lease-duration", "2s",
                                   "--leader-elect-renew-deadline", "1500ms",
                                   "--leader-elect-retry-period", "250ms",
                                   "--node-monitor-period", "1s",
                                   "-v", "2"};
  argv.insert(argv.end(), extra_flags_.begin(), extra_flags_.end());
  process_ = std::make_unique<Subprocess>(argv, log_path_);
  httplib::Client client("127.0.0.1", port_);
  client.set_connection_timeout(0, 200000);
  absl::Time deadline = absl::Now() + absl::Seconds(30);
  while (absl::Now() < deadline) {
    if (!process_->running()) break;
    auto result = client.Get("/healthz");
    if (result && result->status == 200) return true;
    absl::SleepFor(absl::Milliseconds(50));
  }
  if (why != nullptr) *why = "kube-controller-manager did not become healthy; log:\n" + log();
  return false;
}

void ControllerManagerProcess::Kill9() {
  if (!process_) return;
  process_->Signal(SIGKILL);
  process_->Wait(absl::Seconds(10));
  process_.reset();
}

int ControllerManagerProcess::Terminate() {
  if (!process_) return -1;
  process_->Signal(SIGTERM);
  int code = process_->Wait(absl::Seconds(20));
  process_.reset();
  return code;
}

bool ControllerManagerProcess::Restart(std::string* why) {
  Kill9();
  return Start(why);
}

std::string ControllerManagerProcess::Metrics() const {
  httplib::Client client("127.0.0.1", port_);
  client.set_connection_timeout(1, 0);
  auto result = client.Get("/metrics");
  return result && result->status == 200 ? result->body : "";
}

bool ControllerManagerProcess::Leading() const {
  return Metrics().find("leader_election_master_status{name=\"kube-controller-manager\"} 1") !=
         std::string::npos;
}

std::string ControllerManagerProcess::LogTail(size_t bytes) const {
  std::string text = log();
  return text.size() > bytes ? text.substr(text.size() - bytes) : text;
}

}  // namespace kube::testing
