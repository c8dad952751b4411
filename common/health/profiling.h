#pragma once

#include "absl/status/status.h"

namespace kube::health {

// --profiling, as upstream's daemons take it. No daemon here serves
// /debug/pprof, so only false is accepted: the flag exists so command lines (and
// the CIS checks that read them: 1.2.15, 1.3.2, 1.4.1) say profiling is off.
inline absl::Status CheckProfilingFlag(bool profiling) {
  if (!profiling) return absl::OkStatus();
  return absl::InvalidArgumentError(
      "--profiling: /debug/pprof is not served by this build; only --profiling=false is "
      "accepted");
}

inline constexpr char kProfilingHelp[] =
    "Serve /debug/pprof. Not built in: only false is accepted (CIS 1.2.15, 1.3.2, 1.4.1).";

}  // namespace kube::health
