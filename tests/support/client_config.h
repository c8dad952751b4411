#pragma once

// Client configs for the test apiserver, for tests that link the client library.

#include <catch2/catch.hpp>

#include "common/client/kubeconfig.h"
#include "tests/support/apiserver_process.h"

namespace kube::testing {

// What a client of `server` uses: its URL (gRPC's with `grpc`), the test CA, and
// `identity`'s certificate (the admin's by default).
inline client::ClientConfig ClientConfigFor(const ApiServerProcess& server, bool grpc = false,
                                            const TlsIdentity& identity = TestPki::Shared().admin()) {
  absl::StatusOr<client::ClientConfig> config =
      client::LoadKubeconfigFile(server.KubeconfigFor(identity, grpc));
  INFO(config.status());
  REQUIRE(config.ok());
  return *config;
}

}  // namespace kube::testing
