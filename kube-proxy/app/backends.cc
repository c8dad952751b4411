#include "kube-proxy/app/backends.h"

#include "common/util/strings.h"
#include "kube-proxy/iptables/iptables_backend.h"
#include "kube-proxy/nftables/nft_backend.h"

namespace kube::proxy::app {

absl::StatusOr<std::unique_ptr<proxier::RuleBackend>> NewBackend(const std::string& mode,
                                                                  const BackendConfig& config,
                                                                  runner::Runner& runner) {
  if (mode == "iptables") {
    return std::make_unique<iptables::IptablesBackend>(
        iptables::IptablesConfig{config.cluster_cidr, config.masquerade_all}, runner);
  }
  if (mode == "nftables") {
    return std::make_unique<nftables::NftBackend>(
        nftables::NftConfig{config.cluster_cidr, config.masquerade_all}, runner);
  }
  return absl::InvalidArgumentError(StrCat("unknown proxy mode \"", mode, "\""));
}

const char* const* BackendModes() {
  static const char* const kModes[] = {"iptables", "nftables", nullptr};
  return kModes;
}

}  // namespace kube::proxy::app
