#include <catch2/catch.hpp>
#include <string>

#include "apiserver/printers/printer_testing.h"
#include "apiserver/printers/printers.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::apiserver {
namespace {

using testing::Ago;
using testing::CellOf;
using testing::kNow;
using testing::Parse;

TEST_CASE("Node STATUS and ROLES", "[printers]") {
  struct Case {
    const char* name;
    std::string node;  // text format
    const char* status;
    const char* roles;
  };
  const Case cases[] = {
      {"ready", "status { conditions { type: 'Ready' status: 'True' } }", "Ready", "<none>"},
      {"not ready", "status { conditions { type: 'Ready' status: 'False' } }", "NotReady",
       "<none>"},
      {"ready unknown", "status { conditions { type: 'Ready' status: 'Unknown' } }", "NotReady",
       "<none>"},
      {"no Ready condition", "status { conditions { type: 'MemoryPressure' status: 'False' } }",
       "Unknown", "<none>"},
      {"cordoned",
       "spec { unschedulable: true } status { conditions { type: 'Ready' status: 'True' } }",
       "Ready,SchedulingDisabled", "<none>"},
      {"cordoned and not ready",
       "spec { unschedulable: true } status { conditions { type: 'Ready' status: 'False' } }",
       "NotReady,SchedulingDisabled", "<none>"},
      {"control plane",
       "metadata { labels { key: 'node-role.kubernetes.io/control-plane' value: '' } }", "Unknown",
       "control-plane"},
      {"several roles, sorted, de-duplicated",
       "metadata { labels { key: 'node-role.kubernetes.io/worker' value: '' } "
       "labels { key: 'kubernetes.io/role' value: 'worker' } "
       "labels { key: 'node-role.kubernetes.io/infra' value: 'x' } "
       "labels { key: 'node-role.kubernetes.io/' value: '' } "
       "labels { key: 'kubernetes.io/hostname' value: 'n1' } }",
       "Unknown", "infra,worker"},
      {"empty kubernetes.io/role", "metadata { labels { key: 'kubernetes.io/role' value: '' } }",
       "Unknown", "<none>"},
  };
  const auto printer = NewNodePrinter();
  for (const Case& c : cases) {
    INFO(c.name);
    const auto row = printer->Row(Parse<k8s::core::v1::Node>(c.node), kNow);
    CHECK(CellOf(*printer, row, "Status") == c.status);
    CHECK(CellOf(*printer, row, "Roles") == c.roles);
  }
}

TEST_CASE("Node version and wide columns", "[printers]") {
  const auto printer = NewNodePrinter();
  REQUIRE(printer->Columns().size() == 10);
  SECTION("reported") {
    const auto node = Parse<k8s::core::v1::Node>(
        "metadata { name: 'node-1' creationTimestamp " + testing::Ago(3 * 86400) +
        " } "
        "status { addresses { type: 'Hostname' address: 'node-1' } "
        "addresses { type: 'InternalIP' address: '192.168.1.10' } "
        "addresses { type: 'ExternalIP' address: '203.0.113.10' } "
        "nodeInfo { kubeletVersion: 'v1.32.4' osImage: 'Debian GNU/Linux 12 (bookworm)' "
        "kernelVersion: '6.1.0-18-amd64' containerRuntimeVersion: 'containerd://1.6.20' } }");
    const auto row = printer->Row(node, kNow);
    CHECK(CellOf(*printer, row, "Name") == "node-1");
    CHECK(CellOf(*printer, row, "Age") == "3d");
    CHECK(CellOf(*printer, row, "Version") == "v1.32.4");
    CHECK(CellOf(*printer, row, "Internal-IP") == "192.168.1.10");
    CHECK(CellOf(*printer, row, "External-IP") == "203.0.113.10");
    CHECK(CellOf(*printer, row, "OS-Image") == "Debian GNU/Linux 12 (bookworm)");
    CHECK(CellOf(*printer, row, "Kernel-Version") == "6.1.0-18-amd64");
    CHECK(CellOf(*printer, row, "Container-Runtime") == "containerd://1.6.20");
  }
  SECTION("nothing reported") {
    const auto row = printer->Row(k8s::core::v1::Node(), kNow);
    CHECK(CellOf(*printer, row, "Version") == "");
    CHECK(CellOf(*printer, row, "Internal-IP") == "<none>");
    CHECK(CellOf(*printer, row, "External-IP") == "<none>");
    CHECK(CellOf(*printer, row, "OS-Image") == "<unknown>");
    CHECK(CellOf(*printer, row, "Kernel-Version") == "<unknown>");
    CHECK(CellOf(*printer, row, "Container-Runtime") == "<unknown>");
  }
}

}  // namespace
}  // namespace kube::apiserver
