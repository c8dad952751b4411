#pragma once

#include <string>

namespace kube::version {

// The Kubernetes version every component reports. kubectl picks its client from
// the minor ("32"), so this is what users' tools see; gitVersion is what
// `kubectl version` prints. 1.32 is the API served (kinds, bootstrap policy) and
// sits within four minors of every kubectl users have here, 1.27 to 1.35; the
// discovery test drives the oldest and the newest. Upstream promises one minor of
// skew, so `kubectl version` of 1.27 and 1.35 prints its skew warning.
inline constexpr char kMajor[] = "1";
inline constexpr char kMinor[] = "32";
inline constexpr char kGitVersion[] = "v1.32.0";

// What `--version` prints: "Kubernetes v1.32.0".
std::string VersionLine();

// The /version document (k8s.io/apimachinery/pkg/version.Info) as JSON.
std::string InfoJson();

}  // namespace kube::version
