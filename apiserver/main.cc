// kube-apiserver: serves the Kubernetes API over REST on an embedded, durable,
// watchable store.

#include <cstdio>
#include <iostream>

#include "apiserver/server/api_server.h"
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
  int64_t port = options.insecure_port;
  flags.String("data-dir", &options.data_dir, "Directory holding the embedded store.");
  flags.String("bind-address", &options.bind_address, "Address to serve on.");
  flags.Int("insecure-port", &port,
            "Port to serve plain HTTP without authentication (development mode); 0 picks one.");
  int64_t grpc_port = options.grpc_port;
  flags.Int("grpc-port", &grpc_port,
            "Port to serve the gRPC API on (plain, no authentication); 0 disables it.");
  flags.String("storage-backend", &options.storage_backend,
               "Storage backend: sqlite (embedded, one file in --data-dir) or etcd3.");
  flags.StringList("etcd-servers", &options.etcd_servers,
                   "etcd3: comma-separated client URLs (http://127.0.0.1:2379,...).");
  flags.String("etcd-prefix", &options.etcd_prefix,
               "etcd3: prefix for every key, so several clusters can share one etcd.");
  flags.String("service-cluster-ip-range", &options.service_cluster_ip_range,
               "CIDR from which Service cluster IPs are allocated.");
  flags.String("service-node-port-range", &options.service_node_port_range,
               "Port range reserved for NodePort Services.");
  flags.Duration("etcd-compaction-interval", &options.compaction_interval,
                 "How often storage history is compacted.");
  flags.Duration("min-request-timeout", &options.min_request_timeout,
                 "Watches end after a random time between this and twice this, unless the "
                 "client sets timeoutSeconds.");
  flags.Duration("watch-bookmark-interval", &options.watch_bookmark_interval,
                 "How often watches that allow bookmarks receive one.");
  flags.Bool("watch-cache", &options.watch_cache,
             "Serve watches and lists from an in-memory cache fed by one storage watch.");
  if (std::optional<int> exit_code = kube::daemon::ParseCommandLine(flags, argc, argv)) {
    return *exit_code;
  }
  options.insecure_port = static_cast<int>(port);
  options.grpc_port = static_cast<int>(grpc_port);

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
