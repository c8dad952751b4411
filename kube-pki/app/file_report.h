#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kube::pki::app {

// What a run did to one file.
enum class FileOutcome {
  kCreated,  // it did not exist
  kKept,     // it was fine as it was
  kRenewed,  // it existed and was replaced
};

struct FileReport {
  std::string path;
  FileOutcome outcome;
};

// "created", "kept" or "renewed".
std::string_view OutcomeName(FileOutcome outcome);

// One line per file: "<outcome> <path>".
std::string FormatReports(const std::vector<FileReport>& reports);

}  // namespace kube::pki::app
