#include "kube-proxy/app/options.h"

#include <unistd.h>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "common/util/strings.h"

namespace kube::proxy::app {

absl::StatusOr<BindAddress> ParseBindAddress(const std::string& text, int default_port) {
  BindAddress out;
  std::string port_text;
  if (!text.empty() && text[0] == '[') {
    const size_t close = text.find(']');
    if (close == std::string::npos) return absl::InvalidArgumentError(StrCat("bad address ", text));
    out.host = text.substr(1, close - 1);
    if (close + 1 < text.size()) {
      if (text[close + 1] != ':') return absl::InvalidArgumentError(StrCat("bad address ", text));
      port_text = text.substr(close + 2);
    }
  } else {
    const size_t colon = text.rfind(':');
    out.host = text.substr(0, colon);
    if (colon != std::string::npos) port_text = text.substr(colon + 1);
  }
  out.port = default_port;
  if (!port_text.empty() &&
      (!absl::SimpleAtoi(absl::string_view(port_text), &out.port) || out.port < 0 || out.port > 65535)) {
    return absl::InvalidArgumentError(StrCat("bad port in ", text));
  }
  if (out.host.empty()) return absl::InvalidArgumentError(StrCat("no host in ", text));
  return out;
}

absl::Status Validate(const Options& o) {
  if (o.proxy_mode != "iptables" && o.proxy_mode != "nftables") {
    return absl::InvalidArgumentError(
        StrCat("--proxy-mode: \"", o.proxy_mode, "\" is not supported (iptables, nftables)"));
  }
  if (!o.cluster_cidr.empty() && o.cluster_cidr.find('/') == std::string::npos) {
    return absl::InvalidArgumentError("--cluster-cidr must be a CIDR (e.g. 10.244.0.0/16)");
  }
  if (o.sync_period <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("--iptables-sync-period must be positive");
  }
  if (o.min_sync_period < absl::ZeroDuration() || o.min_sync_period > o.sync_period) {
    return absl::InvalidArgumentError(
        "--iptables-min-sync-period must be within 0 and --iptables-sync-period");
  }
  if (!o.healthz_bind_address.empty()) {
    if (auto a = ParseBindAddress(o.healthz_bind_address, 10256); !a.ok()) {
      return absl::InvalidArgumentError(StrCat("--healthz-bind-address: ", std::string(a.status().message())));
    }
  }
  if (!o.metrics_bind_address.empty()) {
    if (auto a = ParseBindAddress(o.metrics_bind_address, 10249); !a.ok()) {
      return absl::InvalidArgumentError(StrCat("--metrics-bind-address: ", std::string(a.status().message())));
    }
  }
  return absl::OkStatus();
}

std::string NodeName(const Options& options) {
  if (!options.hostname_override.empty()) return options.hostname_override;
  char name[256] = {};
  if (gethostname(name, sizeof(name) - 1) != 0) return "localhost";
  return absl::AsciiStrToLower(std::string(name));
}

}  // namespace kube::proxy::app
