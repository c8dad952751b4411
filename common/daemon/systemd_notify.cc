#include "common/daemon/systemd_notify.h"

#include <systemd/sd-daemon.h>

#include "absl/time/time.h"
#include "common/log/log.h"

namespace kube::daemon {

SystemdNotifier::~SystemdNotifier() {
  stop_.Notify();
  if (watchdog_.joinable()) watchdog_.join();
}

void SystemdNotifier::Ready(const std::string& status) {
  std::string message = "READY=1\nSTATUS=" + status;
  int sent = sd_notify(0, message.c_str());
  if (sent < 0) KLOG(Warning) << "sd_notify READY=1 failed: " << sent;
  if (sent > 0) {
    VLOG(1) << "told systemd we are ready";
  }
  uint64_t watchdog_usec = 0;
  if (sd_watchdog_enabled(0, &watchdog_usec) > 0 && watchdog_usec > 0 && !watchdog_.joinable()) {
    const absl::Duration interval = absl::Microseconds(watchdog_usec) / 2;
    watchdog_ = std::thread([this, interval] {
      while (!stop_.WaitForNotificationWithTimeout(interval)) sd_notify(0, "WATCHDOG=1");
    });
  }
}

void SystemdNotifier::Stopping() { sd_notify(0, "STOPPING=1"); }

}  // namespace kube::daemon
