// kubectl get with every label-selector form, field selectors, and -w.

#include <thread>

#include <catch2/catch.hpp>

#include "tests/integration/integration_helpers.h"

namespace kube::testing {
namespace {

// The names kubectl prints for `get pods -o name` with `extra` arguments.
std::string PodNames(const Kubectl& kubectl, std::vector<std::string> extra) {
  std::vector<std::string> args = {"get", "pods", "-o", "name"};
  args.insert(args.end(), extra.begin(), extra.end());
  CommandResult result = kubectl.Run(args);
  INFO(result.err);
  CHECK(result.exit_code == 0);
  return result.out;
}

TEST_CASE("kubectl get selects with every label selector form") {
  REQUIRE_KUBECTL();
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl kubectl(server);
  CommandResult created = kubectl.Run({"create", "-f", Example("nifty-pods.yaml")});
  INFO(created.out << created.err);
  REQUIRE(created.exit_code == 0);

  const std::string all = "pod/nifty-dev-be\npod/nifty-dev-fe\npod/nifty-test-be\npod/nifty-test-fe\n";
  CHECK(PodNames(kubectl, {}) == all);
  CHECK(PodNames(kubectl, {"-l", "app=nifty,role=fe"}) == "pod/nifty-dev-fe\npod/nifty-test-fe\n");
  CHECK(PodNames(kubectl, {"-l", "app==nifty,role==be"}) == "pod/nifty-dev-be\npod/nifty-test-be\n");
  CHECK(PodNames(kubectl, {"-l", "app=nifty,phase in (test,dev)"}) == all);
  CHECK(PodNames(kubectl, {"-l", "phase notin (dev)"}) == "pod/nifty-test-be\npod/nifty-test-fe\n");
  CHECK(PodNames(kubectl, {"-l", "role!=be"}) == "pod/nifty-dev-fe\npod/nifty-test-fe\n");
  CHECK(PodNames(kubectl, {"-l", "role"}) == all);
  CHECK(PodNames(kubectl, {"-l", "!role"}).empty());
  CHECK(PodNames(kubectl, {"-l", "phase=prod"}).empty());

  CommandResult bad = kubectl.Run({"get", "pods", "-l", "app in (a"});
  CHECK(bad.exit_code != 0);

  // --show-labels needs the row objects in the Table.
  CommandResult labels = kubectl.Run({"get", "pods", "--show-labels"});
  INFO(labels.out);
  CHECK(Contains(labels.out, "app=nifty,phase=dev,role=fe"));
  CommandResult all_namespaces = kubectl.Run({"get", "pods", "-A"});
  INFO(all_namespaces.out);
  CHECK(Contains(all_namespaces.out, "NAMESPACE"));
  CHECK(Contains(all_namespaces.out, "default"));
}

TEST_CASE("kubectl get filters with field selectors") {
  REQUIRE_KUBECTL();
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl kubectl(server);
  REQUIRE(kubectl.Run({"create", "-f", Example("nifty-pods.yaml")}).exit_code == 0);

  CHECK(PodNames(kubectl, {"--field-selector", "metadata.name=nifty-dev-fe"}) ==
        "pod/nifty-dev-fe\n");
  CHECK(PodNames(kubectl, {"--field-selector", "metadata.name!=nifty-dev-fe,status.phase=Pending"}) ==
        "pod/nifty-dev-be\npod/nifty-test-be\npod/nifty-test-fe\n");
  // Unscheduled pods have an empty spec.nodeName.
  CHECK(PodNames(kubectl, {"--field-selector", "spec.nodeName="}).size() > 10);
  CHECK(PodNames(kubectl, {"--field-selector", "spec.nodeName=node-1"}).empty());

  CommandResult unsupported = kubectl.Run({"get", "pods", "--field-selector", "spec.bogus=1"});
  CHECK(unsupported.exit_code != 0);
  CHECK(Contains(unsupported.err, "field label not supported: spec.bogus"));
}

TEST_CASE("kubectl get -w streams events as they happen") {
  REQUIRE_KUBECTL();
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  Kubectl kubectl(server);
  REQUIRE(kubectl.Run({"run", "first", "--image=busybox", "--restart=Never"}).exit_code == 0);

  std::thread creator([&] {
    absl::SleepFor(absl::Seconds(3));
    kubectl.Run({"run", "second", "--image=busybox", "--restart=Never"});
    kubectl.Run({"delete", "pod", "first", "--wait=false"});
  });
  CommandResult watch = kubectl.Run({"get", "pods", "-w", "--output-watch-events"}, "",
                                    absl::Seconds(8));
  creator.join();
  INFO(watch.out << watch.err);
  CHECK(watch.timed_out);  // -w runs until stopped
  CHECK(Contains(watch.out, "EVENT"));
  CHECK(Contains(watch.out, "ADDED"));
  CHECK(Contains(watch.out, "first"));
  CHECK(Contains(watch.out, "second"));
  CHECK(Contains(watch.out, "DELETED"));
  // Each pod is listed once as ADDED: the watch starts at the list's resourceVersion.
  size_t first_added = watch.out.find("ADDED     first");
  if (first_added != std::string::npos) {
    CHECK(watch.out.find("ADDED     first", first_added + 1) == std::string::npos);
  }
}

}  // namespace
}  // namespace kube::testing
