#include "cluster-dns/server/dns_server.h"

#include "common/util/strings.h"

namespace kube::dns {

absl::Status DnsServer::Start(const DnsServerOptions& options) {
  // With port 0 the kernel picks TCP's port; UDP must then get the same one, which
  // another process may hold, so try a few times.
  const int attempts = options.port == 0 ? 10 : 1;
  absl::Status last;
  for (int attempt = 0; attempt < attempts; ++attempt) {
    absl::StatusOr<SocketAddress> address = ResolveNumeric(options.address, options.port);
    if (!address.ok()) return address.status();
    absl::StatusOr<FileDescriptor> tcp = ListenTcp(*address);
    if (!tcp.ok()) {
      last = tcp.status();
      continue;
    }
    const int port = LocalPort(tcp->get());
    absl::StatusOr<SocketAddress> udp_address = ResolveNumeric(options.address, port);
    if (!udp_address.ok()) return udp_address.status();
    absl::StatusOr<FileDescriptor> udp = BindUdp(*udp_address);
    if (!udp.ok()) {
      last = udp.status();
      continue;
    }
    port_ = port;
    udp_ = std::make_unique<UdpListener>(std::move(*udp), handler_, options.udp_workers);
    tcp_ = std::make_unique<TcpListener>(std::move(*tcp), handler_, options.max_tcp_connections,
                                         options.tcp_idle_timeout);
    udp_->Start();
    tcp_->Start();
    return absl::OkStatus();
  }
  return absl::UnavailableError(StrCat("cannot serve DNS on ", options.address, ":", options.port,
                                       ": ", std::string(last.message())));
}

void DnsServer::Stop() {
  if (udp_ != nullptr) udp_->Stop();
  if (tcp_ != nullptr) tcp_->Stop();
}

}  // namespace kube::dns
