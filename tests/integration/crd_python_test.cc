// Custom resources through the official Python client (tests/python/custom_objects.py):
// a CRD installed with ApiextensionsV1Api and awaited until Established, CronTabs
// driven with CustomObjectsApi (status subresource included) and with the dynamic
// client, which finds the resource through discovery and watches it.

#include <catch2/catch.hpp>

#include "tests/integration/integration_helpers.h"

namespace kube::testing {
namespace {

TEST_CASE("the Python client drives custom resources", "[crd][python]") {
  if (RunCommand({"/usr/bin/python3", "-c", "import kubernetes"}).exit_code != 0) {
    WARN("SKIPPED: /usr/bin/python3 cannot import kubernetes (apt-get install python3-kubernetes)");
    return;
  }
  ApiServerProcess server;
  REQUIRE_STARTED(server);
  TempDir cache;

  CommandResult python =
      RunCommand({"/usr/bin/python3", SourceDir() + "/tests/python/custom_objects.py",
                  server.kubeconfig(), "default", cache.path()},
                 "", absl::Minutes(2));
  INFO(python.out << python.err);
  CHECK(python.exit_code == 0);
  for (const char* check : {"crd created",
                            "crd established",
                            "crd accepted names",
                            "custom create",
                            "custom get",
                            "custom list by label",
                            "custom merge patch",
                            "custom invalid patch rejected",
                            "custom replace",
                            "custom stale replace conflicts",
                            "custom status patch",
                            "custom status get",
                            "custom main endpoint ignores status",
                            "custom delete",
                            "dynamic discovery",
                            "dynamic create",
                            "dynamic get",
                            "dynamic list",
                            "dynamic strategic merge refused",
                            "dynamic watch",
                            "dynamic delete"}) {
    CHECK(Contains(python.out, std::string("OK ") + check + "\n"));
  }
  CHECK(Contains(python.out, "DONE\n"));
}

}  // namespace
}  // namespace kube::testing
