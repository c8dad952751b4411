#pragma once

// Test helpers for kube_pki_app_test. Header-only; not part of kube_pki_app.

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "kube-pki/app/file_report.h"

namespace kube::pki::app::testing {

// File name (no directory) -> outcome name, e.g. {"ca.crt", "kept"}.
inline std::map<std::string, std::string> Outcomes(const std::vector<FileReport>& reports) {
  std::map<std::string, std::string> outcomes;
  for (const FileReport& report : reports) {
    outcomes[report.path.substr(report.path.rfind('/') + 1)] = std::string(OutcomeName(report.outcome));
  }
  return outcomes;
}

// Every file of `reports` has outcome `outcome`.
inline bool All(const std::vector<FileReport>& reports, FileOutcome outcome) {
  for (const FileReport& report : reports) {
    if (report.outcome != outcome) return false;
  }
  return !reports.empty();
}

// The permission bits of `path`.
inline mode_t ModeOf(const std::string& path) {
  struct stat info {};
  REQUIRE(stat(path.c_str(), &info) == 0);
  return info.st_mode & 07777;
}

}  // namespace kube::pki::app::testing
