#pragma once

// A helm binary (fetched by tests/clients/fetch-clients.sh) run against a test
// apiserver, with its own cache, config and data directories so runs never share
// state.

#include <string>
#include <vector>

#include "tests/integration/integration_helpers.h"

namespace kube::testing {

class Helm {
 public:
  Helm(std::string binary, const ApiServerProcess& server)
      : binary_(std::move(binary)), kubeconfig_(server.kubeconfig()) {}

  CommandResult Run(std::vector<std::string> args) const {
    std::vector<std::string> argv = {binary_, "--kubeconfig", kubeconfig_};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommand(argv, "", absl::Minutes(3),
                      {"HOME=" + home_.path(), "HELM_CACHE_HOME=" + home_.path() + "/cache",
                       "HELM_CONFIG_HOME=" + home_.path() + "/config",
                       "HELM_DATA_HOME=" + home_.path() + "/data"});
  }

 private:
  std::string binary_;
  std::string kubeconfig_;
  TempDir home_;
};

// A chart kept in tests/helm/charts/.
inline std::string Chart(const std::string& name) {
  return SourceDir() + "/tests/helm/charts/" + name;
}

}  // namespace kube::testing
