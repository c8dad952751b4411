#include "controller-manager/app/controller_names.h"

#include <algorithm>

#include "common/util/strings.h"

namespace kube::kcm::app {

absl::Status ControllerSelection::Validate(const std::vector<std::string>& known) const {
  for (const std::string& entry : entries_) {
    if (entry == "*") continue;
    std::string name = !entry.empty() && entry[0] == '-' ? entry.substr(1) : entry;
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      return absl::InvalidArgumentError(StrCat("--controllers: \"", entry,
                                               "\" is not in the list of known controllers: ",
                                               StrJoin(known, ", ")));
    }
  }
  return absl::OkStatus();
}

bool ControllerSelection::Enabled(const std::string& name, bool disabled_by_default) const {
  bool star = false;
  for (const std::string& entry : entries_) {
    if (entry == name) return true;
    if (entry == "-" + name) return false;
    star |= entry == "*";
  }
  return star && !disabled_by_default;
}

}  // namespace kube::kcm::app
