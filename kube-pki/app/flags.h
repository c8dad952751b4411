#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "common/flags/flag_set.h"
#include "kube-pki/app/options.h"

namespace kube::pki::app {

// What `kube-pki --help` prints: the subcommands.
std::string TopLevelUsage();

// The description each subcommand's --help starts with.
extern const char kInitDescription[];
extern const char kIssueDescription[];
extern const char kKubeconfigDescription[];
extern const char kCaHashDescription[];
extern const char kDiscoverDescription[];
extern const char kRequestDescription[];

// Register each subcommand's flags, writing into its options.
void AddInitFlags(flags::FlagSet& flags, InitOptions& options);
void AddIssueFlags(flags::FlagSet& flags, IssueOptions& options);
void AddKubeconfigFlags(flags::FlagSet& flags, KubeconfigOptions& options);
void AddDiscoverFlags(flags::FlagSet& flags, DiscoverOptions& options);
void AddRequestFlags(flags::FlagSet& flags, RequestOptions& options);

// InvalidArgument naming the flag when a value is missing or out of range.
absl::Status ValidateInitOptions(const InitOptions& options);
absl::Status ValidateIssueOptions(const IssueOptions& options);
absl::Status ValidateKubeconfigOptions(const KubeconfigOptions& options);
absl::Status ValidateDiscoverOptions(const DiscoverOptions& options);
absl::Status ValidateRequestOptions(const RequestOptions& options);

// The flags that may repeat and accumulate (--san a --san b == --san=a,b).
std::vector<std::string> RepeatableFlags();

// Rewrites `args` so each of `repeatable` appears once, at its first place, as
// --name=v1,v2,... with every value given; FlagSet's list flags then see them all
// (a repeated list flag would otherwise keep only its last value). Arguments after
// "--" are left alone.
std::vector<std::string> MergeRepeatedFlags(const std::vector<std::string>& args,
                                            const std::vector<std::string>& repeatable);

}  // namespace kube::pki::app
