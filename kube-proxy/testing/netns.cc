#include "kube-proxy/testing/netns.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "common/util/strings.h"
#include "kube-proxy/runner/exec_runner.h"

namespace kube::proxy::testing {
namespace {

std::atomic<int> next_netns{0};

}  // namespace

bool IsRoot() { return geteuid() == 0; }

TestNetns::TestNetns() : name_(StrCat("kp-test-", getpid(), "-", next_netns++)) {
  std::unique_ptr<runner::Runner> host = runner::NewExecRunner();
  absl::StatusOr<runner::CommandResult> added = host->Run({"ip", "netns", "add", name_});
  if (!added.ok() || added->exit_code != 0) return;
  ok_ = Run({"ip", "link", "set", "lo", "up"}).exit_code == 0;
}

TestNetns::~TestNetns() {
  std::unique_ptr<runner::Runner> host = runner::NewExecRunner();
  (void)host->Run({"ip", "netns", "del", name_});
}

std::vector<std::string> TestNetns::Prefix() const { return {"nsenter", "--net=" + path()}; }

std::unique_ptr<runner::Runner> TestNetns::NewRunner() const { return runner::NewExecRunner(Prefix()); }

runner::CommandResult TestNetns::Run(const std::vector<std::string>& argv,
                                     const std::string& input) const {
  absl::StatusOr<runner::CommandResult> result = NewRunner()->Run(argv, input);
  if (!result.ok()) {
    runner::CommandResult failed;
    failed.err = std::string(result.status().message());
    return failed;
  }
  return *result;
}

bool TestNetns::Sh(const std::string& command) const { return Run({"sh", "-c", command}).exit_code == 0; }

ChildProcess::ChildProcess(const std::vector<std::string>& argv, const std::string& log_path) {
  std::vector<std::string> copy = argv;
  std::vector<char*> args;
  for (std::string& arg : copy) args.push_back(arg.data());
  args.push_back(nullptr);
  pid_ = fork();
  if (pid_ == 0) {
    sigset_t all;
    sigfillset(&all);
    sigprocmask(SIG_UNBLOCK, &all, nullptr);
    FILE* log = std::fopen(log_path.c_str(), "a");
    if (log != nullptr) {
      dup2(fileno(log), 1);
      dup2(fileno(log), 2);
    }
    execvp(args[0], args.data());
    _exit(127);
  }
}

ChildProcess::~ChildProcess() { Kill(); }

bool ChildProcess::Running() {
  if (pid_ <= 0) return false;
  int status = 0;
  if (waitpid(pid_, &status, WNOHANG) == pid_) {
    pid_ = -1;
    return false;
  }
  return true;
}

void ChildProcess::Kill() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

TestHttpd::TestHttpd(const TestNetns& netns, const std::string& address, int port,
                     const std::string& body) {
  char tmpl[] = "/tmp/kp-httpd-XXXXXX";
  if (mkdtemp(tmpl) == nullptr) return;
  dir_ = tmpl;
  std::ofstream(dir_ + "/index.html") << body;
  std::vector<std::string> argv = netns.Prefix();
  for (const char* arg : {"/bin/busybox", "httpd", "-f", "-p"}) argv.push_back(arg);
  argv.push_back(StrCat(address, ":", port));
  argv.push_back("-h");
  argv.push_back(dir_);
  process_ = std::make_unique<ChildProcess>(argv);
  // Ready once it accepts a connection (busybox nc -z is not in every build; a
  // plain fetch of the page works everywhere).
  for (int i = 0; i < 100 && process_->Running(); ++i) {
    if (netns.Sh(StrCat("curl -s -m 1 -o /dev/null http://", address, ":", port, "/"))) {
      ok_ = true;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

TestHttpd::~TestHttpd() {
  process_.reset();
  if (!dir_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
}

}  // namespace kube::proxy::testing

namespace kube::proxy::testing {

bool AddServiceNetwork(const TestNetns& netns) {
  return netns.Sh(
      "ip link add kp0 type veth peer name kp1 && ip addr add 10.123.0.2/24 dev kp0 && "
      "ip addr add 10.123.0.3/24 dev kp0 && ip link set kp1 up && ip link set kp0 up && "
      "ip route add default dev kp0");
}

}  // namespace kube::proxy::testing
