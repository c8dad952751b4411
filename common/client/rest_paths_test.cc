#include "common/client/rest_paths.h"

#include <catch2/catch.hpp>

#include "common/client/resources.h"
#include "k8s/apps/v1/apps.pb.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::client::internal {
namespace {

TEST_CASE("ResourcePath spells upstream's paths") {
  const Resource& pods = ResourceFor<k8s::core::v1::Pod>();
  const Resource& nodes = ResourceFor<k8s::core::v1::Node>();
  const Resource& deployments = ResourceFor<k8s::apps::v1::Deployment>();
  CHECK(ResourcePath(pods, "ns1", "web", "status") == "/api/v1/namespaces/ns1/pods/web/status");
  CHECK(ResourcePath(pods, "ns1", "") == "/api/v1/namespaces/ns1/pods");
  CHECK(ResourcePath(pods, "", "") == "/api/v1/pods");
  CHECK(ResourcePath(nodes, "ignored", "n1") == "/api/v1/nodes/n1");
  CHECK(ResourcePath(deployments, "d", "x", "scale") == "/apis/apps/v1/namespaces/d/deployments/x/scale");
  CHECK(ResourcePath(pods, "a b", "c/d") == "/api/v1/namespaces/a%20b/pods/c%2Fd");
}

TEST_CASE("ListQuery and WriteQuery carry every option, encoded") {
  ListOptions options;
  CHECK(ListQuery(options, false).empty());
  CHECK(ListQuery(options, true) == "?watch=true");
  options.label_selector = "app=web,tier in (a,b)";
  options.field_selector = "spec.nodeName=n1";
  options.limit = 50;
  options.continue_token = "abc=";
  options.resource_version = "10";
  options.resource_version_match = "NotOlderThan";
  options.allow_watch_bookmarks = true;
  options.timeout_seconds = 30;
  CHECK(ListQuery(options, false) ==
        "?labelSelector=app%3Dweb%2Ctier%20in%20%28a%2Cb%29&fieldSelector=spec.nodeName%3Dn1"
        "&resourceVersion=10&resourceVersionMatch=NotOlderThan&limit=50&continue=abc%3D"
        "&timeoutSeconds=30");
  // A watch carries resourceVersionMatch too (WatchList), but no page options.
  options.send_initial_events = true;
  CHECK(ListQuery(options, true) ==
        "?watch=true&labelSelector=app%3Dweb%2Ctier%20in%20%28a%2Cb%29"
        "&fieldSelector=spec.nodeName%3Dn1&resourceVersion=10&allowWatchBookmarks=true"
        "&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&timeoutSeconds=30");
  options.send_initial_events = false;
  CHECK(ListQuery(options, true).find("&sendInitialEvents=false&") != std::string::npos);

  WriteOptions write;
  CHECK(WriteQuery(write).empty());
  write.dry_run = true;
  write.field_manager = "kube-scheduler";
  write.field_validation = "Strict";
  CHECK(WriteQuery(write) == "?dryRun=All&fieldManager=kube-scheduler&fieldValidation=Strict");
}

}  // namespace
}  // namespace kube::client::internal
