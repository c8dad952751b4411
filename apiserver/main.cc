// kube-apiserver: serves the Kubernetes API over REST on an embedded, durable,
// watchable store.

#include <cstdio>
#include <iostream>

#include "apiserver/server/api_server.h"
#include "apiserver/server/api_server_flags.h"
#include "common/daemon/daemon.h"
#include "common/daemon/systemd_notify.h"
#include "common/util/strings.h"
#include "common/flags/flag_set.h"
#include "common/log/log.h"

int main(int argc, char** argv) {
  kube::apiserver::ApiServerOptions options;
  kube::flags::FlagSet flags(
      "kube-apiserver",
      "The Kubernetes API server validates and stores API objects (pods, services,\n"
      "replication controllers, ...) and serves them over REST with watch.");
  kube::apiserver::AddApiServerFlags(flags, options);
  if (std::optional<int> exit_code = kube::daemon::ParseCommandLine(flags, argc, argv)) {
    return *exit_code;
  }

  // Handle SIGTERM/SIGINT on one thread: stop accepting and finish in-flight work.
  kube::daemon::BlockTerminationSignals();

  absl::StatusOr<std::unique_ptr<kube::apiserver::ApiServer>> server =
      kube::apiserver::ApiServer::Create(options);
  if (!server.ok()) {
    KLOG(Error) << "cannot start: " << server.status();
    return 1;
  }
  kube::daemon::SystemdNotifier systemd;
  kube::daemon::OnTerminationSignal([&server, &systemd] {
    systemd.Stopping();
    (*server)->Shutdown();
  });
  absl::Status status = (*server)->Run(
      [&systemd](int port) { systemd.Ready(kube::StrCat("serving on port ", port)); });
  if (!status.ok()) {
    KLOG(Error) << status;
    return 1;
  }
  return 0;
}
