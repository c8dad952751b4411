#pragma once

#include <string>
#include <string_view>

namespace kube::proxy::proxier {

// 16 base32 characters derived from `text`: the stable suffix of per-service and
// per-endpoint chain names (KUBE-SVC-<hash>), short enough for iptables' 28
// character chain names. The same input always gives the same name, across
// restarts, so a restarted kube-proxy rewrites the chains it finds instead of
// creating new ones. (Upstream hashes with SHA-256; the exact digest does not
// matter to anyone, only its stability, so a 80-bit FNV-1a pair is used here.)
std::string ChainHash(std::string_view text);

}  // namespace kube::proxy::proxier
