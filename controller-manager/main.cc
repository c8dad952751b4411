// kube-controller-manager: runs the control loops (replication, endpoints,
// namespaces, garbage collection, nodes) that drive the cluster's objects towards
// what they declare, each through the API server only.

#include <iostream>

#include "common/client/grpc_transport.h"
#include "common/daemon/daemon.h"
#include "common/daemon/systemd_notify.h"
#include "common/flags/flag_set.h"
#include "common/log/log.h"
#include "common/util/strings.h"
#include "controller-manager/app/controller_manager_app.h"
#include "controller-manager/app/controller_registry.h"
#include "controller-manager/app/flags.h"

int main(int argc, char** argv) {
  namespace app = kube::kcm::app;
  app::Options options;
  kube::flags::FlagSet flags(
      "kube-controller-manager",
      kube::StrCat("The Kubernetes controller manager runs the control loops that watch the\n"
                   "shared state of the cluster through the API server and make changes to\n"
                   "move it towards the desired state. Controllers: ",
                   kube::StrJoin(app::KnownControllers(), ", "), "."));
  app::AddFlags(flags, options);
  if (std::optional<int> exit_code = kube::daemon::ParseCommandLine(flags, argc, argv)) {
    return *exit_code;
  }
  absl::StatusOr<app::Options> finished = app::FinishOptions(options, app::KnownControllers());
  if (!finished.ok()) {
    std::cerr << "Error: " << finished.status().message() << "\n";
    return 2;
  }

  // SIGTERM/SIGINT are handled on one thread: stop the loops, release the lease.
  kube::daemon::BlockTerminationSignals();

  absl::StatusOr<kube::client::ClientConfig> config =
      kube::client::LoadKubeconfig(finished->kubeconfig);
  if (!config.ok()) {
    KLOG(Error) << "cannot read the kubeconfig: " << config.status();
    return 1;
  }
  auto transport = kube::client::NewTransport(*config);
  if (!transport.ok()) {
    KLOG(Error) << "cannot reach the API server: " << transport.status();
    return 1;
  }
  auto manager =
      app::ControllerManagerApp::Create(*finished, *std::move(config), std::move(*transport));
  if (!manager.ok()) {
    KLOG(Error) << "cannot start: " << manager.status();
    return 1;
  }
  kube::daemon::SystemdNotifier systemd;
  kube::daemon::OnTerminationSignal([&manager, &systemd] {
    systemd.Stopping();
    (*manager)->Shutdown();
  });
  absl::Status status = (*manager)->Run([&systemd] { systemd.Ready("serving health"); });
  if (!status.ok()) {
    KLOG(Error) << status;
    return 1;
  }
  KLOG(Info) << "stopped";
  return 0;
}
