#pragma once

#include <string>

#include "absl/status/status.h"
#include "common/flags/flag_set.h"
#include "kubelet/app/options.h"

namespace kube::kubelet {

// The kubelet's command line. Strings that need parsing land in `raw` first.
struct RawKubeletFlags {
  std::vector<std::string> node_labels;  // k=v,...
};

// Registers upstream's kubelet flags on `flags`, writing to `options` and `raw`.
void AddKubeletFlags(flags::FlagSet& flags, KubeletOptions& options, RawKubeletFlags& raw);

// Completes the options after parsing: the node name defaults to the hostname
// (lower-cased, as upstream), labels are parsed. InvalidArgument names a bad value.
absl::Status FinishKubeletOptions(const RawKubeletFlags& raw, KubeletOptions& options);

}  // namespace kube::kubelet
