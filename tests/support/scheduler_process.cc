#include "tests/support/scheduler_process.h"

#include <signal.h>

#include <httplib.h>

namespace kube::testing {

SchedulerProcess::SchedulerProcess(const ApiServerProcess& server,
                                   std::vector<std::string> extra_flags, bool use_grpc)
    : extra_flags_(std::move(extra_flags)) {
  log_path_ = dir_.path() + "/kube-scheduler.log";
  kubeconfig_ = dir_.path() + "/scheduler.kubeconfig";
  port_ = FreePort();
  const std::string endpoint = use_grpc
                                   ? "grpc://127.0.0.1:" + std::to_string(server.grpc_port())
                                   : server.url();
  WriteFile(kubeconfig_,
            "apiVersion: v1\nkind: Config\nclusters:\n- name: test\n  cluster:\n    server: " +
                endpoint +
                "\ncontexts:\n- name: test\n  context:\n    cluster: test\n    user: test\n"
                "current-context: test\nusers:\n- name: test\n  user: {}\n");
}

SchedulerProcess::~SchedulerProcess() {
  if (process_) Kill9();
}

bool SchedulerProcess::Start(std::string* why) {
  std::vector<std::string> argv = {BinDir() + "/kube-scheduler",
                                   "--kubeconfig", kubeconfig_,
                                   "--port", std::to_string(port_),
                                   "--leader-elect-lease-duration", "2s",
                                   "--leader-elect-renew-deadline", "1500ms",
                                   "--leader-elect-retry-period", "250ms",
                                   "-v", "2"};
  argv.insert(argv.end(), extra_flags_.begin(), extra_flags_.end());
  process_ = std::make_unique<Subprocess>(argv, log_path_);
  httplib::Client client("127.0.0.1", port_);
  client.set_connection_timeout(0, 200000);
  absl::Time deadline = absl::Now() + absl::Seconds(30);
  while (absl::Now() < deadline) {
    if (!process_->running()) break;
    auto result = client.Get("/readyz");
    if (result && result->status == 200) return true;
    absl::SleepFor(absl::Milliseconds(50));
  }
  if (why != nullptr) *why = "kube-scheduler did not become ready; log:\n" + log();
  return false;
}

void SchedulerProcess::Kill9() {
  if (!process_) return;
  process_->Signal(SIGKILL);
  process_->Wait(absl::Seconds(10));
  process_.reset();
}

int SchedulerProcess::Terminate() {
  if (!process_) return -1;
  process_->Signal(SIGTERM);
  int code = process_->Wait(absl::Seconds(20));
  process_.reset();
  return code;
}

bool SchedulerProcess::Restart(std::string* why) {
  Kill9();
  return Start(why);
}

std::string SchedulerProcess::Metrics() const {
  httplib::Client client("127.0.0.1", port_);
  client.set_connection_timeout(1, 0);
  auto result = client.Get("/metrics");
  return result && result->status == 200 ? result->body : "";
}

}  // namespace kube::testing
