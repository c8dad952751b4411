#include "kube-pki/app/file_report.h"

#include "common/util/strings.h"

namespace kube::pki::app {

std::string_view OutcomeName(FileOutcome outcome) {
  switch (outcome) {
    case FileOutcome::kCreated:
      return "created";
    case FileOutcome::kKept:
      return "kept";
    case FileOutcome::kRenewed:
      return "renewed";
  }
  return "?";
}

std::string FormatReports(const std::vector<FileReport>& reports) {
  std::string text;
  for (const FileReport& report : reports) StrAppend(&text, OutcomeName(report.outcome), " ", report.path, "\n");
  return text;
}

}  // namespace kube::pki::app
