// cluster-dns: the cluster DNS add-on. Answers names in the cluster domain from
// the Services and Endpoints it watches through the API server; forwards nothing.

#include <iostream>

#include "cluster-dns/app/cluster_dns_app.h"
#include "cluster-dns/app/flags.h"
#include "common/client/grpc_transport.h"
#include "common/daemon/daemon.h"
#include "common/daemon/systemd_notify.h"
#include "common/flags/flag_set.h"
#include "common/log/log.h"

int main(int argc, char** argv) {
  namespace app = kube::dns::app;
  app::Options options;
  kube::flags::FlagSet flags("cluster-dns", app::kDescription);
  app::AddFlags(flags, options);
  if (std::optional<int> exit_code = kube::daemon::ParseCommandLine(flags, argc, argv)) {
    return *exit_code;
  }
  if (absl::Status status = app::ValidateOptions(options); !status.ok()) {
    std::cerr << "Error: " << status.message() << "\n";
    return 2;
  }

  // SIGTERM/SIGINT are handled on one thread: stop serving and exit.
  kube::daemon::BlockTerminationSignals();

  auto transport = kube::client::NewTransportFromKubeconfig(options.kubeconfig);
  if (!transport.ok()) {
    KLOG(Error) << "cannot reach the API server: " << transport.status();
    return 1;
  }
  auto dns = app::ClusterDnsApp::Create(options, std::move(*transport));
  if (!dns.ok()) {
    KLOG(Error) << "cannot start: " << dns.status();
    return 1;
  }
  kube::daemon::SystemdNotifier systemd;
  kube::daemon::OnTerminationSignal([&dns, &systemd] {
    systemd.Stopping();
    (*dns)->Shutdown();
  });
  absl::Status status = (*dns)->Run([&systemd] { systemd.Ready("serving the cluster zone"); });
  if (!status.ok()) {
    KLOG(Error) << status;
    return 1;
  }
  KLOG(Info) << "stopped";
  return 0;
}
