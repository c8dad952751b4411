#include "controller-manager/app/controller_names.h"

#include <algorithm>

#include <catch2/catch.hpp>

#include "controller-manager/app/controller_registry.h"

namespace kube::kcm::app {

TEST_CASE("ControllerSelection: the star enables the defaults only", "[controllers]") {
  ControllerSelection selection({"*"});
  CHECK(selection.Enabled("replicaset", false));
  CHECK_FALSE(selection.Enabled("bootstrapsigner", true));
}

TEST_CASE("ControllerSelection: names and -names win over the star", "[controllers]") {
  ControllerSelection selection({"*", "-garbagecollector", "bootstrapsigner"});
  CHECK(selection.Enabled("replicaset", false));
  CHECK_FALSE(selection.Enabled("garbagecollector", false));
  CHECK(selection.Enabled("bootstrapsigner", true));
  ControllerSelection minus_first({"-endpoint", "*"});
  CHECK_FALSE(minus_first.Enabled("endpoint", false));
}

TEST_CASE("ControllerSelection: without the star only named loops run", "[controllers]") {
  ControllerSelection selection({"replicationcontroller"});
  CHECK(selection.Enabled("replicationcontroller", false));
  CHECK_FALSE(selection.Enabled("replicaset", false));
}

TEST_CASE("ControllerSelection: unknown names are rejected", "[controllers]") {
  std::vector<std::string> known = {"replicaset", "endpoint"};
  CHECK(ControllerSelection({"*", "-endpoint"}).Validate(known).ok());
  absl::Status status = ControllerSelection({"*", "-nosuch"}).Validate(known);
  CHECK(absl::IsInvalidArgument(status));
  CHECK(std::string(status.message()).find("-nosuch") != std::string::npos);
}

TEST_CASE("ControllerSelection: the registry's loops are on by default under their upstream names",
          "[controllers]") {
  const std::vector<std::string> known = KnownControllers();
  for (const char* name : {"clusterrole-aggregation", "serviceaccount", "root-ca-cert-publisher"}) {
    INFO(name);
    CHECK(std::find(known.begin(), known.end(), name) != known.end());
    CHECK(ControllerSelection({"*", std::string("-") + name}).Validate(known).ok());
  }
  for (const ControllerEntry& entry : ControllerRegistry()) {
    if (entry.name == "serviceaccount" || entry.name == "root-ca-cert-publisher" ||
        entry.name == "clusterrole-aggregation") {
      CHECK(ControllerSelection({"*"}).Enabled(entry.name, entry.disabled_by_default));
    }
  }
}

}  // namespace kube::kcm::app
