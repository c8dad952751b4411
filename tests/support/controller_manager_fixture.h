#pragma once

// Header-only helpers for kube-controller-manager's integration tests: the real
// apiserver, kube-scheduler, fake-runtime kubelets and kube-controller-manager as
// processes, driven by the real kubectl and the typed client.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "absl/time/clock.h"
#include "common/client/client.h"
#include "common/client/grpc_transport.h"
#include "common/util/strings.h"
#include "k8s/core/v1/core.pb.h"
#include "tests/support/apiserver_process.h"
#include "tests/support/client_config.h"
#include "tests/support/controller_manager_process.h"
#include "tests/support/kubelet_process.h"
#include "tests/support/scheduler_process.h"

namespace kube::testing {

struct ControllerClusterOptions {
  int kubelets = 1;  // nodes node-1, node-2, ...
  std::vector<std::string> controller_manager_flags;
  bool start_controller_manager = true;
};

// Pods that count towards a controller: not finished and not being deleted.
inline bool ActivePod(const k8s::core::v1::Pod& pod) {
  const std::string& phase = pod.status().phase();
  return phase != "Succeeded" && phase != "Failed" && !pod.metadata().has_deletiontimestamp();
}

inline bool ReadyPod(const k8s::core::v1::Pod& pod) {
  for (const auto& condition : pod.status().conditions()) {
    if (condition.type() == "Ready") return condition.status() == "True";
  }
  return false;
}

class ControllerCluster {
 public:
  // `kubelets` nodes and a controller manager with `flags`.
  explicit ControllerCluster(int kubelets, std::vector<std::string> flags = {})
      : ControllerCluster(MakeOptions(kubelets, std::move(flags))) {}

  explicit ControllerCluster(ControllerClusterOptions options = ControllerClusterOptions())
      : server_({"--grpc-port=auto"}) {
    std::string why;
    bool started = server_.Start(&why);
    INFO(why);
    REQUIRE(started);
    auto transport = client::NewTransport(
        ClientConfigFor(server_, /*grpc=*/true));
    REQUIRE(transport.ok());
    client_ = std::make_unique<client::Client>(std::move(*transport));
    kubectl_ = std::make_unique<Kubectl>(server_);
    scheduler_ = std::make_unique<SchedulerProcess>(server_);
    started = scheduler_->Start(&why);
    INFO(why);
    REQUIRE(started);
    for (int i = 1; i <= options.kubelets; ++i) {
      auto kubelet = std::make_unique<KubeletProcess>(server_, "node-" + std::to_string(i));
      started = kubelet->Start(&why);
      INFO(why);
      REQUIRE(started);
      kubelets_.push_back(std::move(kubelet));
    }
    REQUIRE(WaitUntil([&] {
      auto nodes = client_->List<k8s::core::v1::Node>("");
      return nodes.ok() && static_cast<int>(nodes->items.size()) == options.kubelets;
    }, absl::Seconds(30), "every kubelet registered its node"));
    if (options.start_controller_manager) {
      controller_manager_ = StartControllerManager(options.controller_manager_flags);
    }
  }

  static ControllerClusterOptions MakeOptions(int kubelets, std::vector<std::string> flags) {
    ControllerClusterOptions options;
    options.kubelets = kubelets;
    options.controller_manager_flags = std::move(flags);
    return options;
  }

  ApiServerProcess& server() { return server_; }
  const client::Client& client() const { return *client_; }
  const Kubectl& kubectl() const { return *kubectl_; }
  KubeletProcess& kubelet(int i) { return *kubelets_.at(i); }
  ControllerManagerProcess& controller_manager() { return *controller_manager_; }

  // Starts another kube-controller-manager (REQUIREs it to become healthy).
  std::unique_ptr<ControllerManagerProcess> StartControllerManager(
      std::vector<std::string> flags = {}) {
    auto process = std::make_unique<ControllerManagerProcess>(server_, std::move(flags));
    std::string why;
    bool started = process->Start(&why);
    INFO(why);
    REQUIRE(started);
    return process;
  }

  // `kubectl args...`, REQUIRing success; returns stdout.
  std::string RunKubectl(const std::vector<std::string>& args, const std::string& input = "") {
    CommandResult result = kubectl_->Run(args, input);
    INFO("kubectl " << args.at(0) << ": " << result.err);
    REQUIRE(result.exit_code == 0);
    return result.out;
  }

  std::vector<k8s::core::v1::Pod> Pods(const std::string& ns, const std::string& selector = "") {
    client::ListOptions options;
    options.label_selector = selector;
    auto list = client_->List<k8s::core::v1::Pod>(ns, options);
    std::vector<k8s::core::v1::Pod> pods;
    if (!list.ok()) return pods;
    for (auto& pod : list->items) pods.push_back(*pod);
    return pods;
  }
  std::vector<k8s::core::v1::Pod> ActivePods(const std::string& ns, const std::string& selector = "") {
    std::vector<k8s::core::v1::Pod> active;
    for (auto& pod : Pods(ns, selector)) {
      if (ActivePod(pod)) active.push_back(std::move(pod));
    }
    return active;
  }
  int CountActive(const std::string& ns, const std::string& selector) {
    return static_cast<int>(ActivePods(ns, selector).size());
  }

  // Polls `done` every 100 ms up to `timeout`; on failure says what it waited for
  // and attaches the controller manager's log tail.
  bool WaitUntil(const std::function<bool()>& done, absl::Duration timeout,
                 const std::string& what) {
    absl::Time deadline = absl::Now() + timeout;
    while (!done()) {
      if (absl::Now() > deadline) {
        UNSCOPED_INFO("timed out waiting until " << what);
        if (controller_manager_ != nullptr) {
          UNSCOPED_INFO("kube-controller-manager log tail:\n" << controller_manager_->LogTail());
        }
        return false;
      }
      absl::SleepFor(absl::Milliseconds(100));
    }
    return true;
  }

  // Waits until exactly `count` active pods match `selector` in `ns`, and stay so
  // for `settle` (no extra pod appears just after).
  bool WaitForActive(const std::string& ns, const std::string& selector, int count,
                     absl::Duration timeout = absl::Seconds(60),
                     absl::Duration settle = absl::Seconds(1)) {
    int last = -1;
    bool ok = WaitUntil([&] {
      last = CountActive(ns, selector);
      if (last != count) return false;
      absl::SleepFor(settle);
      last = CountActive(ns, selector);
      return last == count;
    }, timeout, kube::StrCat(count, " active pods match ", selector, " in ", ns));
    if (!ok) UNSCOPED_INFO("last count: " << last);
    return ok;
  }

 private:
  ApiServerProcess server_;
  std::unique_ptr<client::Client> client_;
  std::unique_ptr<Kubectl> kubectl_;
  std::unique_ptr<SchedulerProcess> scheduler_;
  std::vector<std::unique_ptr<KubeletProcess>> kubelets_;
  std::unique_ptr<ControllerManagerProcess> controller_manager_;
};

}  // namespace kube::testing
