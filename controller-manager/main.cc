// kube-controller-manager: runs the control loops (replication, endpoints,
// namespaces, garbage collection, nodes) that drive the cluster's objects towards
// what they declare, each through the API server only.

#include <csignal>
#include <iostream>
#include <thread>

#include "common/client/grpc_transport.h"
#include "common/flags/flag_set.h"
#include "common/log/log.h"
#include "common/util/strings.h"
#include "common/version/version.h"
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
  if (absl::Status status = flags.Parse(argc, argv); !status.ok()) {
    std::cerr << "Error: " << status.message() << "\n\n" << flags.Usage();
    return 2;
  }
  if (flags.help_requested()) {
    std::cout << flags.Usage();
    return 0;
  }
  if (flags.version_requested()) {
    std::cout << kube::version::VersionLine() << "\n";
    return 0;
  }
  absl::StatusOr<app::Options> finished = app::FinishOptions(options, app::KnownControllers());
  if (!finished.ok()) {
    std::cerr << "Error: " << finished.status().message() << "\n";
    return 2;
  }

  // SIGTERM/SIGINT are handled on one thread: stop the loops, release the lease.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  auto transport = kube::client::NewTransportFromKubeconfig(finished->kubeconfig);
  if (!transport.ok()) {
    KLOG(Error) << "cannot reach the API server: " << transport.status();
    return 1;
  }
  auto manager = app::ControllerManagerApp::Create(*finished, std::move(*transport));
  if (!manager.ok()) {
    KLOG(Error) << "cannot start: " << manager.status();
    return 1;
  }
  std::thread signal_thread([&signals, &manager] {
    int received = 0;
    sigwait(&signals, &received);
    KLOG(Info) << "received signal " << received << ", shutting down";
    (*manager)->Shutdown();
  });
  signal_thread.detach();
  absl::Status status = (*manager)->Run();
  if (!status.ok()) {
    KLOG(Error) << status;
    return 1;
  }
  KLOG(Info) << "stopped";
  return 0;
}
