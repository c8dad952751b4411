#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"

namespace kube::kcm::app {

// Which loops --controllers turns on, with upstream's syntax: "*" is every loop
// that is on by default, "foo" turns foo on, "-foo" turns it off; a name wins
// over "*" whichever comes first.
class ControllerSelection {
 public:
  explicit ControllerSelection(std::vector<std::string> entries) : entries_(std::move(entries)) {}

  // InvalidArgument naming the first entry that is not "*" or a known name.
  absl::Status Validate(const std::vector<std::string>& known) const;
  bool Enabled(const std::string& name, bool disabled_by_default) const;

 private:
  std::vector<std::string> entries_;
};

}  // namespace kube::kcm::app
