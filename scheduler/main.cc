// kube-scheduler: watches pending pods and nodes, picks a node for each pod and
// binds it there through the API.

#include <iostream>

#include "common/client/grpc_transport.h"
#include "common/daemon/daemon.h"
#include "common/daemon/systemd_notify.h"
#include "common/util/strings.h"
#include "common/flags/flag_set.h"
#include "common/log/log.h"
#include "scheduler/app/flags.h"
#include "scheduler/app/scheduler_app.h"

int main(int argc, char** argv) {
  kube::scheduler::app::Options from_flags = kube::scheduler::app::DefaultOptions();
  kube::flags::FlagSet flags(
      "kube-scheduler",
      "The Kubernetes scheduler watches pods that have no node yet and binds each to a\n"
      "node that fits it, ranking the nodes that fit by a set of scoring plugins.");
  kube::scheduler::app::AddFlags(flags, from_flags);
  if (std::optional<int> exit_code = kube::daemon::ParseCommandLine(flags, argc, argv)) {
    return *exit_code;
  }
  absl::StatusOr<kube::scheduler::app::Options> options =
      kube::scheduler::app::FinishOptions(from_flags);
  if (!options.ok()) {
    std::cerr << "Error: " << options.status().message() << "\n";
    return 2;
  }

  // SIGTERM/SIGINT are handled on one thread: stop scheduling, release the lease.
  kube::daemon::BlockTerminationSignals();

  auto transport = kube::client::NewTransportFromKubeconfig(options->kubeconfig);
  if (!transport.ok()) {
    KLOG(Error) << "cannot reach the API server: " << transport.status();
    return 1;
  }
  auto app = kube::scheduler::app::SchedulerApp::Create(*options, std::move(*transport));
  if (!app.ok()) {
    KLOG(Error) << "cannot start: " << app.status();
    return 1;
  }
  kube::daemon::SystemdNotifier systemd;
  kube::daemon::OnTerminationSignal([&app, &systemd] {
    systemd.Stopping();
    (*app)->Shutdown();
  });
  absl::Status status = (*app)->Run([&systemd] { systemd.Ready("caches synced"); });
  if (!status.ok()) {
    KLOG(Error) << status;
    return 1;
  }
  KLOG(Info) << "stopped";
  return 0;
}
