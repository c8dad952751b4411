#pragma once

#include <string>
#include <thread>

#include "absl/synchronization/notification.h"

namespace kube::daemon {

// A daemon's side of systemd's Type=notify protocol (through libsystemd's
// sd_notify): READY=1 once it really serves, STOPPING=1 when it begins to shut
// down, and WATCHDOG=1 every half WatchdogSec= while it lives. Outside systemd
// (no NOTIFY_SOCKET) every call does nothing. One per process.
class SystemdNotifier {
 public:
  SystemdNotifier() = default;
  // Stops the watchdog pings.
  ~SystemdNotifier();
  SystemdNotifier(const SystemdNotifier&) = delete;
  SystemdNotifier& operator=(const SystemdNotifier&) = delete;

  // READY=1 with a status line; starts the watchdog pings if the unit has one.
  void Ready(const std::string& status);
  // STOPPING=1; the pings go on until destruction (a slow drain is not a hang).
  void Stopping();

 private:
  absl::Notification stop_;
  std::thread watchdog_;  // pings WATCHDOG=1 until stop_
};

}  // namespace kube::daemon
