// kube-proxy sync time: a full sync (generate the rules from a snapshot and apply
// them with iptables-restore / nft -f in a private network namespace) at 1,000 and
// 10,000 services of 2 endpoints each, then a periodic resync with nothing changed,
// a sync after one endpoint changed, and a skipped (unchanged) sync; for both
// modes. Prints figures; asserts nothing about time. Root only.
//
//   kube-proxy-sync-bench [--services N,N...] [--modes iptables,nftables]

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "kube-proxy/iptables/iptables_backend.h"
#include "kube-proxy/iptables/rules.h"
#include "kube-proxy/nftables/nft_backend.h"
#include "kube-proxy/nftables/nft_rules.h"
#include "kube-proxy/testing/builders.h"
#include "kube-proxy/testing/netns.h"

namespace {

using kube::proxy::proxier::Snapshot;

Snapshot MakeSnapshot(int services) {
  Snapshot snapshot;
  for (int i = 0; i < services; ++i) {
    const std::string ip = "10.96." + std::to_string(i / 250) + "." + std::to_string(i % 250 + 1);
    const std::string ep = "10.244." + std::to_string(i / 125) + ".";
    snapshot.ports.push_back(kube::proxy::testing::MakePort(
        "bench", "svc-" + std::to_string(i), "http", ip, 80,
        {ep + std::to_string((i % 125) * 2 + 1), ep + std::to_string((i % 125) * 2 + 2)}, 8080));
  }
  return snapshot;
}

double Millis(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

template <typename F>
double Time(F&& f) {
  auto start = std::chrono::steady_clock::now();
  f();
  return Millis(std::chrono::steady_clock::now() - start);
}

std::unique_ptr<kube::proxy::proxier::RuleBackend> NewBackend(const std::string& mode,
                                                             kube::proxy::runner::Runner& runner) {
  if (mode == "nftables") {
    return std::make_unique<kube::proxy::nftables::NftBackend>(
        kube::proxy::nftables::NftConfig{"10.244.0.0/16", false}, runner);
  }
  return std::make_unique<kube::proxy::iptables::IptablesBackend>(
      kube::proxy::iptables::IptablesConfig{"10.244.0.0/16", false}, runner);
}

bool Check(const absl::Status& status, const char* what) {
  if (!status.ok()) std::fprintf(stderr, "%s failed: %s\n", what, std::string(status.message()).c_str());
  return status.ok();
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<int> sizes = {1000, 10000};
  std::vector<std::string> modes = {"iptables", "nftables"};
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--services") {
      sizes.clear();
      for (absl::string_view part : absl::StrSplit(argv[i + 1], ',')) {
        int n = 0;
        if (absl::SimpleAtoi(part, &n) && n > 0 && n <= 20000) sizes.push_back(n);
      }
    } else if (flag == "--modes") {
      modes = absl::StrSplit(argv[i + 1], ',');
    }
  }
  if (geteuid() != 0) {
    std::printf("skipped: needs root (a private network namespace and iptables/nft)\n");
    return 0;
  }
  std::printf("%-9s %8s %8s %12s %12s %14s %14s %12s\n", "mode", "services", "rules",
              "generate ms", "full sync ms", "resync ms", "1 change ms", "skip ms");
  for (const std::string& mode : modes) {
    for (int services : sizes) {
      kube::proxy::testing::TestNetns netns;  // fresh per run; removed at scope end
      if (!netns.ok()) {
        std::fprintf(stderr, "cannot create a network namespace\n");
        return 1;
      }
      std::unique_ptr<kube::proxy::runner::Runner> runner = netns.NewRunner();
      std::unique_ptr<kube::proxy::proxier::RuleBackend> backend = NewBackend(mode, *runner);
      Snapshot snapshot = MakeSnapshot(services);
      const double generate = Time([&] {
        if (mode == "nftables") {
          (void)kube::proxy::nftables::GenerateNft(snapshot, {"10.244.0.0/16", false}, {});
        } else {
          (void)kube::proxy::iptables::GenerateRestore(snapshot, {"10.244.0.0/16", false}, {});
        }
      });
      absl::Status status;
      const double full = Time([&] { status = backend->Sync(snapshot, false); });
      if (!Check(status, "full sync")) return 1;
      const double resync = Time([&] { status = backend->Sync(snapshot, true); });
      if (!Check(status, "resync")) return 1;
      snapshot.ports[services / 2].endpoints.pop_back();
      const double change = Time([&] { status = backend->Sync(snapshot, false); });
      if (!Check(status, "one-change sync")) return 1;
      const double skip = Time([&] { status = backend->Sync(snapshot, false); });
      std::printf("%-9s %8d %8d %12.1f %12.1f %14.1f %14.1f %12.3f\n", mode.c_str(), services,
                  backend->RuleCount(), generate, full, resync, change, skip);
      std::fflush(stdout);
    }
  }
  return 0;
}
