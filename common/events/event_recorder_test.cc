#include "common/events/event_recorder.h"

#include <catch2/catch.hpp>

#include "absl/synchronization/notification.h"

namespace kube::events {
namespace {

// Keeps what the recorder wrote, as an API server would.
class MemorySink : public EventSink {
 public:
  struct Log {
    absl::Mutex mu;
    std::map<std::string, k8s::core::v1::Event> events;  // by name
    int creates = 0;
    int updates = 0;
  };
  explicit MemorySink(std::shared_ptr<Log> log) : log_(std::move(log)) {}
  absl::Status Create(const k8s::core::v1::Event& event) override {
    absl::MutexLock lock(&log_->mu);
    ++log_->creates;
    log_->events[event.metadata().name()] = event;
    return absl::OkStatus();
  }
  absl::Status Update(const k8s::core::v1::Event& event) override {
    absl::MutexLock lock(&log_->mu);
    if (log_->events.count(event.metadata().name()) == 0) return absl::NotFoundError("gone");
    ++log_->updates;
    log_->events[event.metadata().name()] = event;
    return absl::OkStatus();
  }

 private:
  std::shared_ptr<Log> log_;
};

k8s::core::v1::Pod MakePod(const std::string& name) {
  k8s::core::v1::Pod pod;
  pod.mutable_metadata()->set_name(name);
  pod.mutable_metadata()->set_namespace_("demo");
  pod.mutable_metadata()->set_uid("uid-" + name);
  return pod;
}

TEST_CASE("events are written with upstream's fields and repeats aggregate") {
  auto log = std::make_shared<MemorySink::Log>();
  EventRecorder recorder(std::make_unique<MemorySink>(log), {"default-scheduler", "node-1"});
  recorder.Record(MakePod("a"), "Normal", "Scheduled", "Successfully assigned demo/a to node-1");
  for (int i = 0; i < 3; ++i) recorder.Record(MakePod("a"), "Warning", "BackOff", "restarting");
  recorder.Record(MakePod("b"), "Warning", "BackOff", "restarting");
  REQUIRE(recorder.Flush(absl::Seconds(5)));

  absl::MutexLock lock(&log->mu);
  CHECK(log->creates == 3);
  CHECK(log->updates == 2);
  REQUIRE(log->events.size() == 3);
  int backoff_count = 0;
  for (const auto& [name, event] : log->events) {
    CHECK(event.metadata().namespace_() == "demo");
    CHECK(name.rfind(event.involvedobject().name() + ".", 0) == 0);
    CHECK(event.involvedobject().kind() == "Pod");
    CHECK(event.involvedobject().apiversion() == "v1");
    CHECK(event.source().component() == "default-scheduler");
    CHECK(event.source().host() == "node-1");
    CHECK(event.firsttimestamp().seconds() > 0);
    if (event.reason() == "BackOff" && event.involvedobject().name() == "a") {
      backoff_count = event.count();
    }
  }
  CHECK(backoff_count == 3);
}

TEST_CASE("a full queue drops events instead of blocking the caller") {
  // A sink that blocks until released stands for an unreachable API server.
  struct BlockingSink : EventSink {
    absl::Notification* release;
    absl::Status Create(const k8s::core::v1::Event&) override {
      release->WaitForNotificationWithTimeout(absl::Seconds(10));
      return absl::OkStatus();
    }
    absl::Status Update(const k8s::core::v1::Event&) override { return absl::OkStatus(); }
  };
  absl::Notification release;
  auto sink = std::make_unique<BlockingSink>();
  sink->release = &release;
  RecorderOptions options;
  options.max_queued = 5;
  EventRecorder recorder(std::move(sink), {"test", ""}, options);
  absl::Time start = absl::Now();
  for (int i = 0; i < 50; ++i) {
    recorder.Record(MakePod("p" + std::to_string(i)), "Normal", "Created", "x");
  }
  CHECK(absl::Now() - start < absl::Seconds(5));
  CHECK(recorder.dropped() >= 40);
  release.Notify();
  CHECK(recorder.Flush(absl::Seconds(10)));
}

}  // namespace
}  // namespace kube::events
