#include "kubelet/server/request_attributes.h"

#include <catch2/catch.hpp>

namespace kube::kubelet {
namespace {

TEST_CASE("kubelet paths map to node subresources as upstream's") {
  struct Case {
    const char* method;
    const char* path;
    const char* verb;
    const char* subresource;
  };
  for (const Case& c : {Case{"GET", "/stats/summary", "get", "stats"},
                        Case{"GET", "/stats", "get", "stats"},
                        Case{"GET", "/statsx", "get", "proxy"},
                        Case{"HEAD", "/metrics", "get", "metrics"},
                        Case{"GET", "/metrics/cadvisor", "get", "metrics"},
                        Case{"GET", "/logs/messages", "get", "log"},
                        Case{"GET", "/spec/", "get", "spec"},
                        Case{"POST", "/checkpoint/ns/pod/c", "create", "checkpoint"},
                        Case{"POST", "/exec/ns/pod/c", "create", "proxy"},
                        Case{"GET", "/containerLogs/ns/pod/c", "get", "proxy"},
                        Case{"GET", "/pods", "get", "proxy"},
                        Case{"GET", "/healthz", "get", "proxy"},
                        Case{"PUT", "/x", "update", "proxy"},
                        Case{"PATCH", "/x", "patch", "proxy"},
                        Case{"DELETE", "/x", "delete", "proxy"}}) {
    INFO(c.method << " " << c.path);
    auth::Attributes attributes = KubeletRequestAttributes(c.method, c.path, "node-1");
    CHECK(attributes.verb == c.verb);
    CHECK(attributes.subresource == c.subresource);
    CHECK(attributes.resource_request);
    CHECK(attributes.resource == "nodes");
    CHECK(attributes.api_group.empty());
    CHECK(attributes.api_version == "v1");
    CHECK(attributes.name == "node-1");
    CHECK(attributes.namespace_.empty());
    CHECK(attributes.path == c.path);
  }
}

}  // namespace
}  // namespace kube::kubelet
