#include "apiserver/registry/scheduling/system_priority_classes.h"

#include "common/util/strings.h"

namespace kube::apiserver::scheduling {
namespace {

constexpr int32_t kSystemCriticalPriority = 2 * kHighestUserDefinablePriority;

k8s::scheduling::v1::PriorityClass MakeClass(const char* name, int32_t value,
                                             const char* description) {
  k8s::scheduling::v1::PriorityClass priority_class;
  priority_class.mutable_metadata()->set_name(name);
  priority_class.set_value(value);
  priority_class.set_description(description);
  return priority_class;
}

}  // namespace

const std::vector<k8s::scheduling::v1::PriorityClass>& SystemPriorityClasses() {
  static const auto* const classes = new std::vector<k8s::scheduling::v1::PriorityClass>{
      MakeClass("system-node-critical", kSystemCriticalPriority + 1000,
                "Used for system critical pods that must not be moved from "
                "their current node."),
      MakeClass("system-cluster-critical", kSystemCriticalPriority,
                "Used for system critical pods that must run in the "
                "cluster, but can be moved to "
                "another node if necessary."),
  };
  return *classes;
}

std::string KnownSystemPriorityClassError(std::string_view name, int32_t value,
                                          bool global_default) {
  for (const auto& system_class : SystemPriorityClasses()) {
    if (system_class.metadata().name() != name) continue;
    if (system_class.value() != value) {
      return StrCat("value of ", name, " PriorityClass must be ", system_class.value());
    }
    if (system_class.globaldefault() != global_default) {
      return StrCat("globalDefault of ", name, " PriorityClass must be ",
                    system_class.globaldefault() ? "true" : "false");
    }
    return "";
  }
  return StrCat(name, " is not a known system priority class");
}

}  // namespace kube::apiserver::scheduling
