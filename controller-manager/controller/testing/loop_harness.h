#pragma once

// One controller-manager loop running against the in-memory FakeTransport, for
// the loops' unit tests: the context the app would give it, the informers started
// after the loop registered its handlers (as the app does), the loop on a thread
// of its own. Header-only, so that it stays out of the production libraries.

#include <functional>
#include <memory>
#include <thread>

#include "absl/time/clock.h"
#include "common/client/fake_transport.h"
#include "common/client/informer_factory.h"
#include "common/events/event_recorder.h"
#include "controller-manager/controller/context.h"
#include "controller-manager/controller/interface.h"

namespace kube::kcm::testing {

class LoopHarness {
 public:
  explicit LoopHarness(ControllerSettings settings = {})
      : settings_(std::move(settings)),
        transport_(std::make_shared<client::testing::FakeTransport>()),
        client_(transport_),
        informers_(transport_),
        recorder_(std::make_unique<DroppingSink>(), events::EventSource{"test", "host"}),
        context_{client_, informers_, recorder_, settings_} {}
  ~LoopHarness() {
    if (loop_ != nullptr) loop_->Stop();
    if (thread_.joinable()) thread_.join();
    informers_.Stop();
  }
  LoopHarness(const LoopHarness&) = delete;
  LoopHarness& operator=(const LoopHarness&) = delete;

  ControllerContext& context() { return context_; }
  const client::Client& client() const { return client_; }

  // Starts the informers and runs `loop` (built from context()) until destruction.
  // Call once.
  void Run(std::unique_ptr<ControllerInterface> loop) {
    loop_ = std::move(loop);
    informers_.Start();
    thread_ = std::thread([this] { (void)loop_->Run(); });
  }

  // Polls `done` until it holds (true) or `timeout` passes (false).
  static bool Eventually(const std::function<bool()>& done,
                         absl::Duration timeout = absl::Seconds(10)) {
    const absl::Time deadline = absl::Now() + timeout;
    while (absl::Now() < deadline) {
      if (done()) return true;
      absl::SleepFor(absl::Milliseconds(20));
    }
    return done();
  }

  // Waits (bounded) until the loop has nothing queued, in hand or delayed: every
  // write a sync makes has been made, so "nothing else happened" can be checked.
  bool WaitUntilIdle(absl::Duration timeout = absl::Seconds(10)) {
    return Eventually(
        [this] {
          for (const client::WorkQueueMetrics& queue : loop_->QueueMetrics()) {
            if (queue.depth > 0 || queue.processing > 0 || queue.waiting > 0) return false;
          }
          return true;
        },
        timeout);
  }

 private:
  class DroppingSink : public events::EventSink {
   public:
    absl::Status Create(const k8s::core::v1::Event&) override { return absl::OkStatus(); }
    absl::Status Update(const k8s::core::v1::Event&) override { return absl::OkStatus(); }
  };

  // Declared in construction order; the context refers to the members above it.
  const ControllerSettings settings_;
  std::shared_ptr<client::testing::FakeTransport> transport_;
  client::Client client_;
  client::InformerFactory informers_;
  events::EventRecorder recorder_;
  ControllerContext context_;
  std::unique_ptr<ControllerInterface> loop_;
  std::thread thread_;  // runs loop_->Run()
};

}  // namespace kube::kcm::testing
