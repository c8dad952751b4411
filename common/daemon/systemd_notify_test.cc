#include "common/daemon/systemd_notify.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <string>

#include "common/util/strings.h"

namespace kube::daemon {
namespace {

// A datagram socket standing in for systemd's notify socket.
class NotifySocket {
 public:
  NotifySocket() {
    path_ = StrCat("/tmp/kube-notify-test-", getpid());
    unlink(path_.c_str());
    fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    path_.copy(address.sun_path, sizeof(address.sun_path) - 1);
    REQUIRE(bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0);
    timeval timeout{5, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  }
  ~NotifySocket() {
    close(fd_);
    unlink(path_.c_str());
  }
  std::string Receive() {
    char buffer[1024];
    ssize_t n = recv(fd_, buffer, sizeof(buffer), 0);
    return n > 0 ? std::string(buffer, static_cast<size_t>(n)) : "";
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  int fd_ = -1;
};

TEST_CASE("READY=1 and watchdog pings reach the notify socket") {
  NotifySocket systemd;
  setenv("NOTIFY_SOCKET", systemd.path().c_str(), 1);
  setenv("WATCHDOG_USEC", "200000", 1);  // pings every 100 ms
  setenv("WATCHDOG_PID", std::to_string(getpid()).c_str(), 1);
  {
    SystemdNotifier notifier;
    notifier.Ready("serving");
    CHECK(systemd.Receive() == "READY=1\nSTATUS=serving");
    CHECK(systemd.Receive() == "WATCHDOG=1");
    CHECK(systemd.Receive() == "WATCHDOG=1");
    notifier.Stopping();
    // Pings may interleave; STOPPING=1 arrives among them.
    std::string got;
    for (int i = 0; i < 5 && got != "STOPPING=1"; ++i) got = systemd.Receive();
    CHECK(got == "STOPPING=1");
  }
  unsetenv("NOTIFY_SOCKET");
  unsetenv("WATCHDOG_USEC");
  unsetenv("WATCHDOG_PID");
}

}  // namespace
}  // namespace kube::daemon
