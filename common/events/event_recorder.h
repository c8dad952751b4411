#pragma once

#include <deque>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <thread>

#include <google/protobuf/message.h>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::events {

// Where recorded events are written: the API server, through the client library
// (which provides the sink), or a test's own sink. Called from the recorder's
// single writer thread only.
class EventSink {
 public:
  virtual ~EventSink() = default;
  // POST /api/v1/namespaces/NS/events.
  virtual absl::Status Create(const k8s::core::v1::Event& event) = 0;
  // Writes a repeat of an event created before: the same name with a higher count
  // and a later lastTimestamp.
  virtual absl::Status Update(const k8s::core::v1::Event& event) = 0;
};

// Who records: the component ("default-scheduler", "kubelet") and its host.
struct EventSource {
  std::string component;
  std::string host;
};

struct RecorderOptions {
  // Repeats of an event (same object, type, reason and message) within this window
  // update one Event's count instead of creating new ones, as client-go does.
  absl::Duration aggregation_window = absl::Minutes(10);
  // Events waiting to be written; beyond it new events are dropped (and counted)
  // rather than blocking the caller.
  size_t max_queued = 1000;
  // Distinct events remembered for aggregation (least recently used are forgotten).
  size_t max_remembered = 4096;
};

// Records events about API objects for any component, like client-go's
// record.EventRecorder. Record() never blocks on the network: events are queued and
// written by one background thread. Thread-safe.
class EventRecorder {
 public:
  EventRecorder(std::unique_ptr<EventSink> sink, EventSource source, RecorderOptions options = {});
  // Writes what is queued (waiting at most a few seconds), then stops.
  ~EventRecorder();
  EventRecorder(const EventRecorder&) = delete;
  EventRecorder& operator=(const EventRecorder&) = delete;

  // `type` is "Normal" or "Warning"; `reason` a short CamelCase word ("Scheduled").
  void Record(const k8s::core::v1::ObjectReference& object, std::string_view type,
              std::string_view reason, std::string_view message);
  // The same for any API object: its reference is built from its metadata and kind.
  void Record(const google::protobuf::Message& object, std::string_view type,
              std::string_view reason, std::string_view message);

  // Blocks until everything queued so far has been written or `timeout` passes.
  bool Flush(absl::Duration timeout);
  // Events dropped because the queue was full.
  size_t dropped();

 private:
  struct Remembered {
    std::string name;
    int32_t count = 0;
    absl::Time first;
    absl::Time last_used;
  };

  void Run();
  std::string AggregationKey(const k8s::core::v1::Event& event) const;
  void Write(k8s::core::v1::Event event);

  const std::unique_ptr<EventSink> sink_;
  const EventSource source_;
  const RecorderOptions options_;

  absl::Mutex mu_;
  std::deque<k8s::core::v1::Event> queue_ ABSL_GUARDED_BY(mu_);
  size_t in_flight_ ABSL_GUARDED_BY(mu_) = 0;  // taken from the queue, not yet written
  size_t dropped_ ABSL_GUARDED_BY(mu_) = 0;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  // Used by the writer thread only.
  std::map<std::string, Remembered> remembered_;
  std::thread writer_;  // started last in the constructor
};

// A reference to `object` (kind and apiVersion from the scheme).
k8s::core::v1::ObjectReference ReferenceTo(const google::protobuf::Message& object);

}  // namespace kube::events
