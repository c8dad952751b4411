#pragma once

// A zone for the server's tests: web.default (ClusterIP 10.0.0.10, port http/80)
// and big.default, a headless Service with 100 endpoints (too many for 512 bytes).

#include <memory>

#include "cluster-dns/records/cluster_zone.h"
#include "common/util/strings.h"

namespace kube::dns::testing {

inline std::shared_ptr<const Zone> ServerTestZone() {
  auto web = std::make_shared<k8s::core::v1::Service>();
  web->mutable_metadata()->set_namespace_("default");
  web->mutable_metadata()->set_name("web");
  web->mutable_spec()->set_clusterip("10.0.0.10");
  auto* port = web->mutable_spec()->add_ports();
  port->set_name("http");
  port->set_port(80);
  auto big = std::make_shared<k8s::core::v1::Service>();
  big->mutable_metadata()->set_namespace_("default");
  big->mutable_metadata()->set_name("big");
  big->mutable_spec()->set_clusterip("None");
  auto endpoints = std::make_shared<k8s::core::v1::Endpoints>();
  endpoints->mutable_metadata()->set_namespace_("default");
  endpoints->mutable_metadata()->set_name("big");
  auto* subset = endpoints->add_subsets();
  for (int i = 0; i < 100; ++i) subset->add_addresses()->set_ip(StrCat("10.88.0.", i + 1));
  return std::shared_ptr<const Zone>(
      *BuildClusterZone({*DnsName::Parse("cluster.local"), 30, 1}, {web, big}, {endpoints}));
}

}  // namespace kube::dns::testing
