#pragma once

#include <memory>
#include <string>

#include <catch2/catch.hpp>

#include "common/client/grpc_transport.h"
#include "common/client/rest_transport.h"
#include "tests/support/apiserver_process.h"
#include "tests/support/client_config.h"

namespace kube::testing {

// Client tests run over both transports: REST (what works with any Kubernetes
// apiserver) and gRPC (our components' default). Their servers start with
// --grpc-port=auto so both are served.
#define CLIENT_TRANSPORT() GENERATE(as<std::string>{}, "rest", "grpc")

inline std::shared_ptr<client::Transport> TransportTo(const ApiServerProcess& server,
                                                      const std::string& kind) {
  absl::StatusOr<std::unique_ptr<client::Transport>> transport =
      client::NewTransport(ClientConfigFor(server, kind == "grpc"));
  INFO(transport.status());
  REQUIRE(transport.ok());
  return std::move(*transport);
}

}  // namespace kube::testing
