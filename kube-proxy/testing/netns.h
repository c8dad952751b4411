#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "kube-proxy/runner/runner.h"

namespace kube::proxy::testing {

// Whether the tests that program a real network namespace can run (root).
bool IsRoot();

// A private network namespace for one test, `ip netns add kp-test-<pid>-<n>`,
// with loopback up; deleted by the destructor, even when the test fails. Nothing
// a test does in it reaches the host's network.
class TestNetns {
 public:
  TestNetns();
  ~TestNetns();
  TestNetns(const TestNetns&) = delete;
  TestNetns& operator=(const TestNetns&) = delete;

  bool ok() const { return ok_; }
  const std::string& name() const { return name_; }
  std::string path() const { return "/run/netns/" + name_; }
  // The command prefix that runs a program inside: nsenter --net=PATH.
  std::vector<std::string> Prefix() const;
  // A runner whose commands run inside.
  std::unique_ptr<runner::Runner> NewRunner() const;
  // Runs argv inside and returns its result (exit code -1 if it could not run).
  runner::CommandResult Run(const std::vector<std::string>& argv, const std::string& input = "") const;
  // Runs a shell command line inside; true on exit 0.
  bool Sh(const std::string& command) const;

 private:
  std::string name_;
  bool ok_ = false;
};

// A child process (started through argv, e.g. with a TestNetns prefix) that is
// SIGKILLed and reaped by the destructor.
class ChildProcess {
 public:
  explicit ChildProcess(const std::vector<std::string>& argv, const std::string& log_path = "/dev/null");
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  pid_t pid() const { return pid_; }
  bool Running();
  void Kill();

 private:
  pid_t pid_ = -1;
};

// busybox httpd serving a directory whose index.html holds `body`, inside `netns`,
// on address:port. Waits until it accepts connections.
class TestHttpd {
 public:
  TestHttpd(const TestNetns& netns, const std::string& address, int port, const std::string& body);
  ~TestHttpd();
  bool ok() const { return ok_; }

 private:
  std::string dir_;
  std::unique_ptr<ChildProcess> process_;
  bool ok_ = false;
};

}  // namespace kube::proxy::testing

namespace kube::proxy::testing {

// Gives `netns` a veth pair kp0/kp1 (both ends inside; this kernel has no dummy
// driver), kp0 with 10.123.0.2/24 and 10.123.0.3/24 and a
// default route through it, so that service IPs are routable there (and go
// nowhere but into the namespace). True on success.
bool AddServiceNetwork(const TestNetns& netns);

}  // namespace kube::proxy::testing
